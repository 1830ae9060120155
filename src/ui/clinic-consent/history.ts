// The patient's consent history inside the preference center: each decision kept in this browser
// with its date, what was chosen, the policy version and whether the clinic has received it, plus a
// JSON download. Reads the receipts only through the public api. Its texts live here, not in the
// locale files, so a first visit (which loads a locale file) does not pay for a view few patients open;
// a clinic still overrides any of them through `config.texts[locale][key]`.
import { html, nothing, render, type TemplateResult } from 'lit';
import type { HistoryEntry, ReceiptHistory, ReceiptsApi } from '../../receipts/types.js';
import { categoryText, fill, type ConsentView } from './view.js';

const en = {
  historyTitle: 'Your consent history',
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
type HistoryTexts = typeof en;

const locales: Readonly<Record<string, HistoryTexts>> = {
  en,
  ko: {
    historyTitle: '지금까지의 선택 기록',
    historyEmpty: '이 브라우저에 기록된 선택이 아직 없습니다.',
    historyDownload: '내역 내려받기 (JSON)',
    historyPolicy: '개인정보 처리방침 버전 {version}',
    historyAllowed: '허용: {list}',
    historyNecessaryOnly: '필수 쿠키만 허용',
    historyAcceptAll: '모두 동의',
    historyRejectAll: '모두 거부',
    historyPreferences: '선택 저장',
    historyWithdraw: '동의 철회',
    historyGpc: '브라우저의 개인정보 보호 신호(GPC)에 따라 거부',
    historyAcknowledged: '병원에 전달됨',
    historyPending: '전송 대기 중',
    historyLocal: '이 브라우저에만 보관됨',
    historyRejected: '병원 서버에서 받지 않음',
    historyTampered: '주의: 이 브라우저에 보관된 기록이 작성된 뒤 변경되었습니다.',
  },
  ja: {
    historyTitle: 'これまでの選択の記録',
    historyEmpty: 'このブラウザーに記録された選択はまだありません。',
    historyDownload: '履歴をダウンロード（JSON）',
    historyPolicy: 'プライバシーポリシー バージョン {version}',
    historyAllowed: '許可: {list}',
    historyNecessaryOnly: '必須Cookieのみ',
    historyAcceptAll: 'すべて同意しました',
    historyRejectAll: 'すべて拒否しました',
    historyPreferences: '選択を保存しました',
    historyWithdraw: '同意を撤回しました',
    historyGpc: 'ブラウザーのプライバシー信号（GPC）により拒否しました',
    historyAcknowledged: 'クリニックに届いています',
    historyPending: '送信を待っています',
    historyLocal: 'このブラウザーにのみ保存されています',
    historyRejected: 'クリニックのサーバーが受け付けませんでした',
    historyTampered: 'ご注意ください。このブラウザーに保存された記録が、作成後に変更されています。',
  },
};

/** The history's texts in the view's language, with the clinic's overrides for it. */
function textsFor(view: ConsentView): HistoryTexts {
  const base = locales[view.locale.split('-')[0] ?? ''] ?? en;
  const overrides = view.config.texts[view.locale] ?? {};
  return Object.fromEntries(Object.entries(base).map(([key, text]) => [key, overrides[key] ?? text])) as HistoryTexts;
}

const methodText = (t: HistoryTexts, method: HistoryEntry['method']): string =>
  ({ 'accept-all': t.historyAcceptAll, 'reject-all': t.historyRejectAll, preferences: t.historyPreferences, withdraw: t.historyWithdraw, gpc: t.historyGpc })[method];

const statusText = (t: HistoryTexts, status: HistoryEntry['status']): string =>
  ({ acknowledged: t.historyAcknowledged, pending: t.historyPending, local: t.historyLocal, rejected: t.historyRejected })[status];

function renderEntries(view: ConsentView, receipts: ReceiptsApi, history: ReceiptHistory): TemplateResult {
  const t = textsFor(view);
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
    void receipts.history().then(
      (history) => render(renderEntries(view, receipts, history), target),
      () => render(html`<p>${textsFor(view).historyEmpty}</p>`, target),
    );
  };
  return html`<details part="history" @toggle=${load}>
    <summary>${textsFor(view).historyTitle}</summary>
    <div class="history-body" aria-live="polite"></div>
  </details>`;
}
