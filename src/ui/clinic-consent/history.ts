// The patient's consent history inside the preference center: each decision kept in this browser
// with its date, what was chosen, the policy version and whether the clinic has received it, plus a
// JSON download. Reads the receipts only through the api's receipts part, which the view hands over. Its texts are not in the locale
// files, so a first visit (which loads a locale file) does not pay for a view few patients open: the
// title is here, the rest in history/<locale>.ts, fetched with the history itself when it is opened.
// A clinic still overrides any of them through `config.texts[locale][key]`.
import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import type { HistoryEntry, ReceiptHistory, ReceiptsApi } from '../../receipts/types.js';
import type { BundledLocale } from '../../config/locale-choice.js';
import { categoryText, fill, type ConsentView } from './view.js';

export const en = {
  historyEmpty: 'No decisions are recorded in this browser yet.',
  historyDownload: 'Download my history (JSON)',
  historyPolicy: 'privacy policy version {version}',
  historyAllowed: 'allowed: {list}',
  historyNecessaryOnly: 'necessary cookies only',
  historyAcceptAll: 'Accepted all',
  historyRejectAll: 'Rejected all',
  historyPreferences: 'Saved my choices',
  historyWithdraw: 'Withdrew consent',
  historyGpc: 'Refused by my browser’s privacy signal (GPC)',
  historyAcknowledged: 'received by the clinic',
  historyPending: 'waiting to be sent',
  historyLocal: 'kept in this browser only',
  historyRejected: 'not accepted by the clinic’s server',
  historyTampered: 'Warning: the records kept in this browser have been changed since they were made.',
};
export type HistoryTexts = typeof en;

// The section's title shows with the preference center; the rest of its texts come with the history.
const titles: Readonly<Record<BundledLocale, string>> = {
  en: 'Your consent history',
  ko: '지금까지의 선택 기록',
  ja: 'これまでの選択の記録',
  'zh-Hans': '我的同意历史',
  'zh-Hant': '我的同意歷程',
  vi: 'Lịch sử đồng ý của Quý khách',
  th: 'ประวัติความยินยอมของคุณ',
  ru: 'История ваших согласий',
  mn: 'Таны зөвшөөрлийн түүх',
  ar: 'سجل موافقاتكم',
};

const lazyTexts: Readonly<Record<Exclude<BundledLocale, 'en'>, () => Promise<{ default: HistoryTexts }>>> = {
  ko: () => import('./history/ko.js'),
  ja: () => import('./history/ja.js'),
  'zh-Hans': () => import('./history/zh-Hans.js'),
  'zh-Hant': () => import('./history/zh-Hant.js'),
  vi: () => import('./history/vi.js'),
  th: () => import('./history/th.js'),
  ru: () => import('./history/ru.js'),
  mn: () => import('./history/mn.js'),
  ar: () => import('./history/ar.js'),
};

/** The clinic's override of a history text in the view's language, else the built-in one. */
const own = (view: ConsentView, key: string, text: string): string => view.config.texts[view.locale]?.[key] ?? text;

const titleFor = (view: ConsentView): string => own(view, 'historyTitle', titles[view.bundle]);

/** The history's texts in the view's language (English's if its file cannot be fetched), with the clinic's overrides. */
async function textsFor(view: ConsentView): Promise<HistoryTexts> {
  const { bundle } = view;
  const base = bundle === 'en' ? en : await lazyTexts[bundle]().then((module) => module.default, () => en);
  return Object.fromEntries(Object.entries(base).map(([key, text]) => [key, own(view, key, text)])) as HistoryTexts;
}

const methodText = (t: HistoryTexts, method: HistoryEntry['method']): string =>
  ({ 'accept-all': t.historyAcceptAll, 'reject-all': t.historyRejectAll, preferences: t.historyPreferences, withdraw: t.historyWithdraw, gpc: t.historyGpc })[method];

const statusText = (t: HistoryTexts, status: HistoryEntry['status']): string =>
  ({ acknowledged: t.historyAcknowledged, pending: t.historyPending, local: t.historyLocal, rejected: t.historyRejected })[status];

function renderEntries(view: ConsentView, receipts: ReceiptsApi, history: ReceiptHistory, t: HistoryTexts): TemplateResult {
  const { locale } = view;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const allowed = (entry: HistoryEntry): string => {
    const labels = view.config.categories.filter((category) => !category.required && entry.categories[category.id]).map((category) => categoryText(view, category, 'label'));
    return labels.length ? fill(t.historyAllowed, { list: labels.join(', ') }) : t.historyNecessaryOnly;
  };
  return html`${history.intact ? nothing : html`<p class="warning" role="alert">${t.historyTampered}</p>`}
    ${history.entries.length
      ? html`<ol class="history">
          ${history.entries.map(
            (entry) => html`<li>
              <strong>${date.format(new Date(entry.decidedAt))}</strong> · ${methodText(t, entry.method)}<br />
              ${allowed(entry)} · ${fill(t.historyPolicy, { version: entry.policyVersion })} · ${statusText(t, entry.status)}
            </li>`,
          )}
        </ol>`
      : html`<p>${t.historyEmpty}</p>`}
    <button class="link" part="button download" @click=${() => void receipts.download()}>${t.historyDownload}</button>`;
}

/** A collapsed "consent history" section; its content is read from the receipts when first opened. */
export function renderHistory(view: ConsentView): TemplateResult {
  const load = (event: Event): void => {
    const details = event.currentTarget as HTMLDetailsElement;
    if (!details.open) return;
    // The view hands over the api's receipts part (clinic-consent.ts), so the data is followed by reading calls.
    const { receipts } = view;
    const target = details.querySelector<HTMLElement>('.history-body');
    if (!target) return;
    void textsFor(view).then((t) =>
      receipts.history().then(
        (history) => render(renderEntries(view, receipts, history, t), target),
        () => render(html`<p>${t.historyEmpty}</p>`, target),
      ),
    );
  };
  return html`<details part="history" @toggle=${load}>
    <summary>${titleFor(view)}</summary>
    <div class="history-body" aria-live="polite"></div>
  </details>`;
}
