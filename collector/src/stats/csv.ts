/**
 * CSV export of a stats report: one row per day, then per locale, policy version, device class and item. RFC 4180
 * quoting; cells starting with = + - @ are prefixed so a spreadsheet never runs them as formulas.
 */
import type { Rates, StatsReport } from './query.js';

function cell(value: string | number): string {
  let text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const RATE_COLUMNS = ['impressions', 'decisions', 'acceptAll', 'rejectAll', 'custom', 'gpc', 'withdrawals', 'optIn', 'consentRate', 'acceptAllRate', 'rejectAllRate', 'customRate', 'withdrawalRate', 'noChoiceRate'] as const;

export function statsToCsv(report: StatsReport): string {
  const lines = [['dimension', 'key', ...RATE_COLUMNS].join(',')];
  const emit = (dimension: string, rows: ReadonlyArray<{ key: string } & Rates>): void => {
    for (const row of rows) lines.push([cell(dimension), cell(row.key), ...RATE_COLUMNS.map((column) => cell(row[column]))].join(','));
  };
  emit('total', [{ key: 'all', ...report.totals }]);
  emit('day', report.byDay);
  emit('locale', report.byLocale);
  emit('policyVersion', report.byPolicyVersion);
  emit('deviceClass', report.byDeviceClass);
  lines.push('');
  lines.push(['kind', 'id', 'granted', 'total', 'rate'].join(','));
  for (const item of report.items) lines.push([cell(item.kind), cell(item.id), cell(item.granted), cell(item.total), cell(item.rate)].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
