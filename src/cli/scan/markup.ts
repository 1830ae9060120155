// What a page's HTML source says before any script runs: tracker markup the browser's preload
// scanner fetches whatever the loader does (with its line, to fix), and where the loader sits.
// Read from the source as served, since the DOM no longer holds line numbers, and the gated form
// (`type="text/plain"`, `data-src`) is exactly what the preload scanner leaves alone.
import type { Matcher } from '../../blockers/guards/match.js';
import { absolute, attrValue, isRunnable } from '../gate.mjs';

export interface MarkupFinding {
  readonly tag: 'script' | 'img' | 'iframe' | 'link';
  /** As written in the HTML (entities decoded for `&amp;` only, as browsers read URLs). */
  readonly url: string;
  /** 1-based line of the tag in the HTML source. */
  readonly line: number;
  readonly service: string;
  readonly category: string;
}

export interface LoaderPosition {
  readonly found: boolean;
  /** In <head>, with no script able to run before it. */
  readonly first: boolean;
  readonly line?: number;
  /** The scripts that run before the loader (src, or "inline script at line N"). */
  readonly before: readonly string[];
}

/**
 * The source with everything the preload scanner does not read as markup blanked out, newlines
 * kept so that offsets and lines stay true: comments, script bodies (their opening tag stays),
 * <noscript> (raw text while scripts run), <template>, and the raw-text elements.
 */
function visibleMarkup(html: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return html.replace(
    /<!--[\s\S]*?(?:-->|$)|(<script\b[^>]*>)([\s\S]*?)(?=<\/script\s*>|$)|<(noscript|template|style|textarea|title|xmp)\b[^>]*>[\s\S]*?(?:<\/\3\s*>|$)/gi,
    (whole, scriptTag: string | undefined, body: string | undefined) => (scriptTag ? scriptTag + blank(body ?? '') : blank(whole)),
  );
}

const lineAt = (html: string, index: number) => html.slice(0, index).split('\n').length;
const fetchingRel = /\b(?:preload|modulepreload|prefetch|preconnect|dns-prefetch|stylesheet|icon)\b/i;

/** Tracker elements in `html` the preload scanner requests before consent (ungated catalog URLs). */
export function preloadFindings(html: string, match: Matcher): MarkupFinding[] {
  const findings: MarkupFinding[] = [];
  const visible = visibleMarkup(html);
  for (const tag of visible.matchAll(/<(script|img|iframe|link)\b([^>]*)>/gi)) {
    const name = (tag[1] as string).toLowerCase() as MarkupFinding['tag'];
    const attrs = tag[2] as string;
    if (name === 'script' && !isRunnable(attrValue(attrs, 'type'))) continue;
    if (name === 'link' && !fetchingRel.test(attrValue(attrs, 'rel') ?? '')) continue;
    const url = (attrValue(attrs, name === 'link' ? 'href' : 'src') ?? '').trim().replace(/&amp;/g, '&');
    const entry = url ? match.url(absolute(url)) : undefined;
    if (!entry || entry.category === 'necessary') continue;
    findings.push({ tag: name, url, line: lineAt(html, tag.index ?? 0), service: entry.service, category: entry.category });
  }
  return findings;
}

/** The loader's script tag: `clinic-consent.js` (any folder, any query). */
export const isLoader = (src: string | null | undefined) => !!src && /(?:^|\/)clinic-consent(?:\.min)?\.js(?:[?#]|$)/.test(src);

/** Where the loader is, and which scripts run before it. */
export function loaderPosition(html: string): LoaderPosition {
  const visible = visibleMarkup(html);
  const headEnd = visible.search(/<\/head\s*>|<body\b/i);
  const before: string[] = [];
  for (const tag of visible.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = tag[1] as string;
    const src = attrValue(attrs, 'src');
    const line = lineAt(html, tag.index ?? 0);
    if (isLoader(src)) {
      const inHead = headEnd < 0 || (tag.index ?? 0) < headEnd;
      return { found: true, first: inHead && !before.length, line, before };
    }
    if (isRunnable(attrValue(attrs, 'type'))) before.push(src ?? `inline script at line ${line}`);
  }
  return { found: false, first: false, before: [] };
}
