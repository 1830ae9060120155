/**
 * CSV export of a stats report, one table per file (`?table=`), with headers in the dashboard's language, days as
 * YYYY-MM-DD and rates as percentages with one decimal (a number a spreadsheet sums and charts as it is). RFC 4180
 * quoting; cells starting with = + - @ are prefixed so a spreadsheet never runs them as formulas.
 */
import { CollectorError } from '../errors.js';
import type { ItemNames } from './names.js';
import type { ItemRate, Rates, StatsReport } from './query.js';

export const CSV_TABLES = ['summary', 'days', 'languages', 'policy-versions', 'devices', 'categories', 'services'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type RateColumn = 'consentIds' | 'acceptAll' | 'rejectAll' | 'custom' | 'withdrawn' | 'optIn' | 'consentRate' | 'acceptAllRate' | 'rejectAllRate' | 'customRate' | 'withdrawalRate' | 'views' | 'noChoiceRate';
type Header = Record<RateColumn | 'day' | 'language' | 'policyVersion' | 'device' | 'category' | 'service' | 'name' | 'granted' | 'asked' | 'optInRate' | 'period', string>;

const HEADERS: Readonly<Record<string, Header>> = {
  en: {
    period: 'Period', day: 'Day', language: 'Language', policyVersion: 'Policy version', device: 'Device', category: 'Category', service: 'Service', name: 'Name',
    consentIds: 'Consent ids (latest decision in period)', acceptAll: 'Accept all', rejectAll: 'Reject all (incl. GPC)', custom: 'Custom',
    withdrawn: 'Withdrawn', optIn: 'Allowing an optional category', consentRate: 'Consent rate (%)', acceptAllRate: 'Accept all (%)',
    rejectAllRate: 'Reject all (%)', customRate: 'Custom (%)', withdrawalRate: 'Withdrawn (%)', views: 'Banner views', noChoiceRate: 'No choice (% of views)',
    granted: 'Consent ids allowing it', asked: 'Consent ids asked', optInRate: 'Opt-in (%)',
  },
  ko: {
    period: '기간', day: '날짜', language: '언어', policyVersion: '방침 버전', device: '기기', category: '카테고리', service: '서비스', name: '이름',
    consentIds: '동의 ID 수(기간 내 마지막 결정)', acceptAll: '모두 동의', rejectAll: '모두 거부(GPC 포함)', custom: '선택 동의',
    withdrawn: '철회', optIn: '선택 항목 허용', consentRate: '동의율(%)', acceptAllRate: '모두 동의(%)',
    rejectAllRate: '모두 거부(%)', customRate: '선택 동의(%)', withdrawalRate: '철회(%)', views: '배너 노출', noChoiceRate: '선택 안 함(노출 대비 %)',
    granted: '허용한 동의 ID', asked: '질문받은 동의 ID', optInRate: '허용률(%)',
  },
  ja: {
    period: '期間', day: '日付', language: '言語', policyVersion: 'ポリシーのバージョン', device: '端末', category: 'カテゴリー', service: 'サービス', name: '名前',
    consentIds: '同意ID数（期間内の最後の選択）', acceptAll: 'すべて同意', rejectAll: 'すべて拒否（GPCを含む）', custom: '個別に選択',
    withdrawn: '撤回', optIn: '任意の項目を許可', consentRate: '同意率（%）', acceptAllRate: 'すべて同意（%）',
    rejectAllRate: 'すべて拒否（%）', customRate: '個別に選択（%）', withdrawalRate: '撤回（%）', views: 'バナー表示', noChoiceRate: '選択なし（表示に対する%）',
    granted: '許可した同意ID', asked: '尋ねた同意ID', optInRate: '許可率（%）',
  },
};

export function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A share as a percentage with one decimal: 0.4286 → 42.9. */
export const percent = (share: number): number => Math.round(share * 1000) / 10;

const RATE_COLUMNS: readonly RateColumn[] = ['consentIds', 'acceptAll', 'rejectAll', 'custom', 'withdrawn', 'optIn', 'consentRate', 'acceptAllRate', 'rejectAllRate', 'customRate', 'withdrawalRate', 'views', 'noChoiceRate'];

/** A row's numbers; a day without data has empty cells (no data), not zeros. */
function rateCells(row: Rates): Array<number | null> {
  if (row.empty) return RATE_COLUMNS.map(() => null);
  return [row.decisions, row.acceptAll, row.rejectAll + row.gpc, row.custom, row.withdrawals, row.optIn, percent(row.consentRate), percent(row.acceptAllRate),
    percent(row.rejectAllRate), percent(row.customRate), percent(row.withdrawalRate), row.impressions, percent(row.noChoiceRate)];
}

export function csvTable(value: string | undefined): CsvTable {
  if (value === undefined || value === '') return 'days';
  if ((CSV_TABLES as readonly string[]).includes(value)) return value as CsvTable;
  throw new CollectorError('CC_ERR_QUERY', `table "${value}" is not one of ${CSV_TABLES.join(', ')}`);
}

/** `names`: the categories' and services' names as the site's receipts recorded them, beside their ids. */
export function statsToCsv(report: StatsReport, table: CsvTable, lang: string, names?: ItemNames): string {
  const h = HEADERS[lang] ?? (HEADERS['en'] as Header);
  type Row = Array<string | number | null>;
  const rates = (first: keyof Header, rows: ReadonlyArray<{ key: string } & Rates>): Row[] => [
    [h[first], ...RATE_COLUMNS.map((column) => h[column])],
    ...rows.map((row) => [row.key, ...rateCells(row)]),
  ];
  const items = (kind: ItemRate['kind']): Row[] => [
    [h[kind], h.name, h.granted, h.asked, h.optInRate],
    ...report.items
      .filter((item) => item.kind === kind)
      .map((item) => [item.id, names?.[kind].get(item.id) ?? item.id, item.granted, item.total, percent(item.rate)]),
  ];
  const rows = {
    summary: () => rates('period', [{ key: `${report.query.from} – ${report.query.to}`, ...report.totals }]),
    days: () => rates('day', report.byDay),
    languages: () => rates('language', report.byLocale),
    'policy-versions': () => rates('policyVersion', report.byPolicyVersion),
    devices: () => rates('device', report.byDeviceClass),
    categories: () => items('category'),
    services: () => items('service'),
  }[table]();
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
