/**
 * The proof page's words and pieces: times in the clinic's time zone with UTC beside them, decision methods in
 * words, and the texts a patient saw laid out as they saw them (banner, then preference center with the disclosure it
 * listed, then anything else), with the raw JSON one click away. Pure rendering; every value goes through escapeHtml.
 */
import type { ShownCategory, ShownTexts } from '../../../schema/types.js';
import { escapeHtml as e } from './html.js';

interface ProofWords {
  readonly methods: Readonly<Record<string, string>>;
  readonly banner: string;
  readonly preferences: string;
  readonly other: string;
  readonly raw: string;
  readonly timesIn: string;
}

const WORDS: Readonly<Record<string, ProofWords>> = {
  en: {
    methods: { 'accept-all': 'Accepted all', 'reject-all': 'Rejected all', preferences: 'Saved own choice', withdraw: 'Withdrew consent', gpc: 'Refused by the browser (GPC)' },
    banner: 'Banner', preferences: 'Preference center', other: 'Other texts', raw: 'Raw JSON', timesIn: 'Times in {zone}, with UTC below.',
  },
  ko: {
    methods: { 'accept-all': '모두 동의', 'reject-all': '모두 거부', preferences: '직접 선택해 저장', withdraw: '동의 철회', gpc: '브라우저 신호(GPC)로 거부' },
    banner: '배너', preferences: '쿠키 설정 화면', other: '그 밖의 문구', raw: '원본 JSON', timesIn: '시각은 {zone} 기준이며, 아래에 UTC를 함께 적습니다.',
  },
  ja: {
    methods: { 'accept-all': 'すべて同意', 'reject-all': 'すべて拒否', preferences: '個別に選択して保存', withdraw: '同意を撤回', gpc: 'ブラウザーの信号（GPC）により拒否' },
    banner: 'バナー', preferences: 'Cookie設定画面', other: 'その他の文言', raw: '元のJSON', timesIn: '時刻は{zone}の時刻で、下にUTCを併記します。',
  },
};

export const proofWords = (lang: string): ProofWords => WORDS[lang] ?? (WORDS['en'] as ProofWords);

/** "26 Nov 2026, 01:30:00" in the clinic's zone, then the same instant in UTC on a second line. */
export function clinicTime(iso: string, zone: string, lang: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return e(iso);
  const format = (timeZone: string) => new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(time);
  return `${e(format(zone))}<br><small>${e(format('UTC'))} UTC</small>`;
}

// The banner and the preference center in the order they appear on screen (src/ui/clinic-consent/*.ts).
const BANNER = ['bannerTitle', 'policyChanged', 'bannerBody', 'bannerRefuse', 'policyLink'];
const BANNER_BUTTONS = ['acceptAll', 'rejectAll', 'choose'];
const PREFERENCES = ['prefsTitle', 'prefsIntro'];
const PREFERENCE_BUTTONS = ['save', 'acceptAll', 'rejectAll'];

/** The texts as the patient saw them; keys not placed on screen are listed after, and the raw JSON follows. */
export function renderShownTexts(texts: ShownTexts, lang: string): string {
  const w = proofWords(lang);
  const s = texts.strings;
  const used = new Set<string>();
  const take = (key: string): string | undefined => {
    const value = s[key];
    if (value !== undefined) used.add(key);
    return value;
  };
  const paragraphs = (keys: readonly string[]) =>
    keys.map((key) => [key, take(key)] as const).filter(([, value]) => value !== undefined)
      .map(([key, value], i) => (i === 0 && key.endsWith('Title') ? `<h4>${e(value ?? '')}</h4>` : `<p>${e(value ?? '')}</p>`)).join('');
  const buttons = (keys: readonly string[]) => {
    const labels = keys.map((key) => s[key]).filter((value): value is string => value !== undefined);
    keys.forEach((key) => take(key));
    return labels.length ? `<p class="shown-buttons">${labels.map((label) => `<span class="shown-button">${e(label)}</span>`).join(' ')}</p>` : '';
  };
  // The built-in categories' default names; a receipt with the disclosure holds the names as resolved and shown.
  const categories = Object.keys(s)
    .filter((key) => key.endsWith('Label') && s[`${key.slice(0, -5)}Purpose`] !== undefined)
    .map((key) => `<dt>${e(take(key) ?? '')}</dt><dd>${e(take(`${key.slice(0, -5)}Purpose`) ?? '')}</dd>`)
    .join('');
  const listed = texts.disclosure ? renderDisclosure(texts.disclosure, take) : categories ? `<dl>${categories}</dl>` : '';
  const banner = paragraphs(BANNER) + buttons(BANNER_BUTTONS);
  const preferences = paragraphs(PREFERENCES) + listed + buttons(PREFERENCE_BUTTONS);
  const rest = Object.entries(s).filter(([key]) => !used.has(key));
  return `<div class="shown" lang="${e(texts.locale)}">` +
    (banner ? `<h4 class="shown-part">${e(w.banner)}</h4><div class="shown-box">${banner}</div>` : '') +
    (preferences ? `<h4 class="shown-part">${e(w.preferences)}</h4><div class="shown-box">${preferences}</div>` : '') +
    (rest.length ? `<h4 class="shown-part">${e(w.other)}</h4><dl>${rest.map(([key, value]) => `<dt><code>${e(key)}</code></dt><dd>${e(value)}</dd>`).join('')}</dl>` : '') +
    `<details><summary>${e(w.raw)}</summary><pre>${e(JSON.stringify(texts, null, 2))}</pre></details></div>`;
}

/** The categories and their services as the preference center listed them, under the labels the patient read. */
function renderDisclosure(disclosure: readonly ShownCategory[], take: (key: string) => string | undefined): string {
  const label = (key: string): string => take(key) ?? key;
  const [recipient, country, purpose, dataSent, cookies, retention] = ['recipient', 'country', 'purpose', 'dataSent', 'cookies', 'retention'].map(label);
  // The summary the services were folded under ("2 services"), filled in as the preference center does.
  const summary = take('services');
  const row = (name: string | undefined, value: string | undefined): string => (value ? `<dt>${e(name ?? '')}</dt><dd>${value}</dd>` : '');
  return disclosure.map((category) => {
    const services = category.services.map((service) => {
      const cookieList = service.cookies.map((cookie) => `<code>${e(cookie.name)}</code>${cookie.retention ? ` (${e(retention ?? '')}: ${e(cookie.retention)})` : ''}`).join(', ');
      const value = (text: string | undefined) => (text ? e(text) : undefined);
      return `<li><b>${e(service.name)}</b><dl>${row(recipient, value(service.thirdParty))}${row(country, value(service.country))}${row(purpose, value(service.purpose))}` +
        `${row(dataSent, value(service.dataSent))}${row(cookies, cookieList || undefined)}</dl></li>`;
    }).join('');
    const folded = summary ? `<p><small>${e(summary.replaceAll('{n}', String(category.services.length)))}</small></p>` : '';
    return `<div class="shown-category"><h5>${e(category.name)}</h5>${category.description ? `<p>${e(category.description)}</p>` : ''}${services ? `${folded}<ul>${services}</ul>` : ''}</div>`;
  }).join('');
}
