/**
 * The stats page's section "Trackers that load before consent" (issue 19): per page and tracker, when the SDK's
 * monitor first and last saw it, and whether it still happens, so the privacy officer sees where the site's markup
 * must be fixed and sees the row turn "fixed" afterwards. Everything from a report is shown as escaped text.
 */
import { FIXED_AFTER_DAYS, type LeakRow } from '../leaks.js';
import { escapeHtml as e } from './html.js';
import type { Lang } from './i18n.js';
import { clinicTime } from './proof-view.js';

interface LeakTexts {
  readonly title: string;
  /** What the rows mean and what to do. */
  readonly intro: string;
  readonly page: string;
  readonly tracker: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly browsers: string;
  readonly status: string;
  readonly leaking: string;
  /** `{days}`: FIXED_AFTER_DAYS. */
  readonly fixed: string;
  /** `{n}`: the rule's number, counted from 1. */
  readonly sensitive: string;
  readonly none: string;
}

const TEXTS: Readonly<Record<Lang, LeakTexts>> = {
  ko: {
    title: '동의 전에 로드되는 추적 도구',
    intro: '환자가 동의하기 전에 브라우저가 불러온 추적 도구입니다. 어떤 스크립트도 막을 수 없는 HTML 마크업에서 나옵니다. 해당 페이지의 마크업을 동의 게이트 뒤로 옮기세요(npm run gate-snippets). 수정 후에는 더 이상 보고되지 않습니다.',
    page: '페이지',
    tracker: '추적 도구',
    firstSeen: '처음 발견',
    lastSeen: '마지막 발견',
    browsers: '보고한 브라우저',
    status: '상태',
    leaking: '아직 발생 중',
    fixed: '{days}일 넘게 보고 없음: 수정된 것으로 보입니다',
    sensitive: '민감한 페이지 (sensitivePaths 규칙 {n})',
    none: '보고된 누출이 없습니다.',
  },
  en: {
    title: 'Trackers that load before consent',
    intro: 'Trackers the browser requested before the patient agreed, from HTML markup that no script can stop. Move that markup on the page behind the consent gate (npm run gate-snippets); once fixed, the reports stop.',
    page: 'Page',
    tracker: 'Tracker',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    browsers: 'Reporting browsers',
    status: 'Status',
    leaking: 'still happening',
    fixed: 'not seen for over {days} days: probably fixed',
    sensitive: 'sensitive page (sensitivePaths rule {n})',
    none: 'No leaks reported.',
  },
  ja: {
    title: '同意の前に読み込まれるトラッカー',
    intro: '患者が同意する前にブラウザーが読み込んだトラッカーです。どのスクリプトも止められないHTMLマークアップから来ています。そのページのマークアップを同意ゲートの後ろに移してください（npm run gate-snippets）。修正後は報告されなくなります。',
    page: 'ページ',
    tracker: 'トラッカー',
    firstSeen: '初回検出',
    lastSeen: '最終検出',
    browsers: '報告したブラウザー',
    status: '状態',
    leaking: '発生中',
    fixed: '{days}日以上報告なし：修正済みと思われます',
    sensitive: '機微なページ（sensitivePaths のルール {n}）',
    none: '報告された漏れはありません。',
  },
};

/** A reported path as the clinic wrote it ("/예약"), percent escapes decoded where they are valid UTF-8. */
function readablePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

export function leaksSection(lang: Lang, rows: readonly LeakRow[], zone: string): string {
  const t = TEXTS[lang];
  const number = new Intl.NumberFormat(lang);
  const body = rows
    .map((row) => {
      const page = row.path === null ? e(t.sensitive.replace('{n}', String((row.sensitive ?? 0) + 1))) : `<code>${e(readablePath(row.path))}</code>`;
      const status = row.fixed ? `<span class="good">${e(t.fixed.replace('{days}', String(FIXED_AFTER_DAYS)))}</span>` : `<span class="bad">${e(t.leaking)}</span>`;
      return `<tr><td>${page}</td><td>${e(row.tracker)}</td><td>${clinicTime(row.firstSeen, zone, lang)}</td><td>${clinicTime(row.lastSeen, zone, lang)}</td><td>${e(number.format(row.browsers))}</td><td>${status}</td></tr>`;
    })
    .join('');
  const table = `<div class="table" role="region" tabindex="0" aria-label="${e(t.title)}"><table><thead><tr><th>${e(t.page)}</th><th>${e(t.tracker)}</th><th>${e(t.firstSeen)}</th><th>${e(t.lastSeen)}</th><th>${e(t.browsers)}</th><th>${e(t.status)}</th></tr></thead><tbody>${body}</tbody></table></div>`;
  return `<section id="leaks"><h2>${e(t.title)}</h2><p><small>${e(t.intro)}</small></p>${rows.length ? table : `<p>${e(t.none)}</p>`}</section>`;
}
