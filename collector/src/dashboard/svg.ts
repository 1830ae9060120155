/**
 * Small server-rendered charts (no client script): a line chart of a rate over days and stacked outcome bars (SVG),
 * and horizontal bars (HTML). Values are shares from 0 to 1; every chart carries a title for screen readers.
 */
import { escapeHtml } from './html.js';

const W = 720;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
export const COLORS = { accept: '#2e7d32', custom: '#1565c0', reject: '#c62828', withdrawn: '#6a1b9a', none: '#9e9e9e', line: '#1565c0' } as const;

const pct = (value: number): string => `${Math.round(value * 1000) / 10}%`;

/** A chart over days; on a narrow screen it keeps a readable width and scrolls sideways in its own focusable region. */
function frame(title: string, body: string, height = H): string {
  return `<div class="chart" role="region" tabindex="0" aria-label="${escapeHtml(title)}"><svg viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${body}</svg></div>`;
}

function grid(): string {
  const lines: string[] = [];
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    const y = PAD.top + (1 - share) * (H - PAD.top - PAD.bottom);
    lines.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e0e0e0"/>`);
    lines.push(`<text x="${PAD.left - 6}" y="${y + 4}" font-size="13" text-anchor="end" fill="#616161">${share * 100}%</text>`);
  }
  return lines.join('');
}

function dayLabels(labels: readonly string[], xOf: (i: number) => number): string {
  if (labels.length === 0) return '';
  const picks = [...new Set([0, Math.floor((labels.length - 1) / 2), labels.length - 1])];
  // The outer labels are anchored inward so they are not clipped at the chart's edges.
  const anchor = (i: number): string => (labels.length === 1 ? 'middle' : i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle');
  return picks.map((i) => `<text x="${xOf(i)}" y="${H - 8}" font-size="13" text-anchor="${anchor(i)}" fill="#616161">${escapeHtml(labels[i] ?? '')}</text>`).join('');
}

/** A dashed marker for a day without data: a gap says "nothing known", where a 0 % dot would say "nobody agreed". */
function noDataMark(x: number, label: string, noData: string): string {
  return `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#bdbdbd" stroke-dasharray="3 3" class="no-data"><title>${escapeHtml(label)}: ${escapeHtml(noData)}</title></line>`;
}

/** A rate over days; a day whose value is null has no data and breaks the line. */
export function lineChart(title: string, points: ReadonlyArray<{ label: string; value: number | null }>, noData = 'no data'): string {
  const inner = W - PAD.left - PAD.right;
  const xOf = (i: number): number => PAD.left + (points.length <= 1 ? inner / 2 : (i * inner) / (points.length - 1));
  const yOf = (v: number): number => PAD.top + (1 - Math.min(1, Math.max(0, v))) * (H - PAD.top - PAD.bottom);
  const segments: string[][] = [[]];
  const marks = points.map((p, i) => {
    if (p.value === null) {
      segments.push([]);
      return noDataMark(xOf(i), p.label, noData);
    }
    segments.at(-1)?.push(`${xOf(i).toFixed(1)},${yOf(p.value).toFixed(1)}`);
    return `<circle cx="${xOf(i).toFixed(1)}" cy="${yOf(p.value).toFixed(1)}" r="2.5" fill="${COLORS.line}"><title>${escapeHtml(p.label)}: ${pct(p.value)}</title></circle>`;
  });
  const lines = segments.filter((points) => points.length > 1).map((points) => `<polyline fill="none" stroke="${COLORS.line}" stroke-width="2" points="${points.join(' ')}"/>`);
  return frame(title, `${grid()}${lines.join('')}${marks.join('')}${dayLabels(points.map((p) => p.label), xOf)}`);
}

export interface Stack {
  readonly label: string;
  /** Null: no data that day, drawn as a gap with a dashed marker. */
  readonly parts: ReadonlyArray<{ name: string; value: number; color: string }> | null;
}

export function stackedBars(title: string, stacks: readonly Stack[], noData = 'no data'): string {
  const inner = W - PAD.left - PAD.right;
  const step = stacks.length === 0 ? inner : inner / stacks.length;
  const barW = Math.max(1, step * 0.8);
  const plotH = H - PAD.top - PAD.bottom;
  const bars = stacks
    .map((stack, i) => {
      let y = PAD.top + plotH;
      if (!stack.parts) return noDataMark(PAD.left + i * step + step / 2, stack.label, noData);
      return stack.parts
        .map((part) => {
          const h = Math.max(0, Math.min(1, part.value)) * plotH;
          y -= h;
          return `<rect x="${(PAD.left + i * step + (step - barW) / 2).toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${part.color}"><title>${escapeHtml(stack.label)} ${escapeHtml(part.name)}: ${pct(part.value)}</title></rect>`;
        })
        .join('');
    })
    .join('');
  return frame(title, `${grid()}${bars}${dayLabels(stacks.map((s) => s.label), (i) => PAD.left + i * step + step / 2)}`);
}

/**
 * Rates per language, device, category…: an HTML list rather than an SVG, so the labels keep the page's font size
 * and wrap on a phone instead of shrinking with the drawing.
 */
export function horizontalBars(title: string, rows: ReadonlyArray<{ label: string; value: number; note: string }>): string {
  const items = rows
    .map((row) => {
      const width = Math.round(Math.max(0, Math.min(1, row.value)) * 1000) / 10;
      return `<li><span class="bar-label">${escapeHtml(row.label)}</span><span class="bar" aria-hidden="true"><i style="width:${width}%"></i></span><span class="bar-value">${pct(row.value)} <small>${escapeHtml(row.note)}</small></span></li>`;
    })
    .join('');
  return `<ul class="bars" aria-label="${escapeHtml(title)}">${items}</ul>`;
}

export { pct };
