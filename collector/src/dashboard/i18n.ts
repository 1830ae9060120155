/**
 * The dashboard's texts in Korean, English and Japanese (Korean first, as the clinics' marketing teams
 * read it), the language choice, and dates and numbers formatted the way each language writes them.
 */
export type Lang = 'ko' | 'en' | 'ja';

/** The languages in the order the header offers them, each in its own name. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { ko: '한국어', en: 'English', ja: '日本語' };

const ko = {
  title: '동의 현황',
  login: '로그인',
  loginHint: '관리자 또는 사이트 API 토큰을 입력하세요.',
  token: 'API 토큰',
  logout: '로그아웃',
  sites: '사이트',
  from: '시작일',
  to: '종료일',
  locale: '언어',
  policyVersion: '방침 버전',
  deviceClass: '기기',
  all: '전체',
  apply: '적용',
  exportCsv: 'CSV 내보내기',
  consentRate: '동의율',
  acceptAll: '모두 동의',
  rejectAll: '모두 거부',
  custom: '선택 동의',
  noChoice: '선택 안 함',
  impressions: '배너 노출',
  decisions: '결정',
  withdrawals: '철회',
  byDay: '일별 동의율',
  outcomesByDay: '일별 결과',
  byLocale: '언어별 동의율',
  byPolicyVersion: '방침 버전별 동의율',
  byDeviceClass: '기기별 동의율',
  categories: '카테고리별 동의율',
  services: '서비스별 동의율',
  proof: '동의 증명 조회',
  consentId: '동의 ID',
  lookup: '조회',
  history: '영수증 이력',
  chain: '체인',
  signature: '서명',
  method: '방식',
  received: '수신 시각',
  clientTime: '기기 시각',
  textsShown: '표시된 문구',
  downloadJson: 'JSON 다운로드',
  verified: '검증됨',
  notVerified: '검증 실패',
  deviceSigned: '환자의 브라우저 키로 서명됨',
  deviceUnsigned: '브라우저 서명 없음',
  deviceBad: '브라우저 키 서명 검증 실패',
  pending: '대기 중',
  fork: '분기됨',
  ok: '정상',
  none: '데이터가 없습니다.',
  rawNote: '최신 날짜는 원본 영수증에서, 이전 날짜는 일별 집계에서 계산합니다.',
  mobile: '모바일',
  tablet: '태블릿',
  desktop: '데스크톱',
  problems: '문제',
  back: '돌아가기',
} as const;

export type Messages = { readonly [K in keyof typeof ko]: string };

const en: Messages = {
  title: 'Consent overview',
  login: 'Sign in',
  loginHint: 'Enter an admin or site API token.',
  token: 'API token',
  logout: 'Sign out',
  sites: 'Sites',
  from: 'From',
  to: 'To',
  locale: 'Language',
  policyVersion: 'Policy version',
  deviceClass: 'Device',
  all: 'All',
  apply: 'Apply',
  exportCsv: 'Export CSV',
  consentRate: 'Consent rate',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  custom: 'Custom',
  noChoice: 'No choice',
  impressions: 'Banner views',
  decisions: 'Decisions',
  withdrawals: 'Withdrawals',
  byDay: 'Consent rate by day',
  outcomesByDay: 'Outcomes by day',
  byLocale: 'Consent rate by language',
  byPolicyVersion: 'Consent rate by policy version',
  byDeviceClass: 'Consent rate by device',
  categories: 'Opt-in rate by category',
  services: 'Opt-in rate by service',
  proof: 'Proof of consent',
  consentId: 'Consent ID',
  lookup: 'Look up',
  history: 'Receipt history',
  chain: 'Chain',
  signature: 'Signature',
  method: 'Method',
  received: 'Received',
  clientTime: 'Device time',
  textsShown: 'Texts shown',
  downloadJson: 'Download JSON',
  verified: 'verified',
  notVerified: 'NOT verified',
  deviceSigned: "signed by the patient's browser key",
  deviceUnsigned: 'not signed by a browser key',
  deviceBad: 'browser key signature NOT valid',
  pending: 'pending',
  fork: 'forked',
  ok: 'ok',
  none: 'No data.',
  rawNote: 'The newest days come from raw receipts, earlier days from daily rollups.',
  mobile: 'Mobile',
  tablet: 'Tablet',
  desktop: 'Desktop',
  problems: 'Problems',
  back: 'Back',
};

const ja: Messages = {
  title: '同意状況',
  login: 'ログイン',
  loginHint: '管理者またはサイトのAPIトークンを入力してください。',
  token: 'APIトークン',
  logout: 'ログアウト',
  sites: 'サイト',
  from: '開始日',
  to: '終了日',
  locale: '言語',
  policyVersion: 'ポリシーのバージョン',
  deviceClass: '端末',
  all: 'すべて',
  apply: '適用',
  exportCsv: 'CSVを書き出す',
  consentRate: '同意率',
  acceptAll: 'すべて同意',
  rejectAll: 'すべて拒否',
  custom: '個別に選択',
  noChoice: '未選択',
  impressions: 'バナー表示',
  decisions: '選択',
  withdrawals: '撤回',
  byDay: '日別の同意率',
  outcomesByDay: '日別の結果',
  byLocale: '言語別の同意率',
  byPolicyVersion: 'ポリシーのバージョン別の同意率',
  byDeviceClass: '端末別の同意率',
  categories: 'カテゴリー別の同意率',
  services: 'サービス別の同意率',
  proof: '同意の証明',
  consentId: '同意ID',
  lookup: '照会',
  history: '同意記録の履歴',
  chain: 'チェーン',
  signature: '署名',
  method: '方法',
  received: '受信日時',
  clientTime: '端末の日時',
  textsShown: '表示した文言',
  downloadJson: 'JSONをダウンロード',
  verified: '検証済み',
  notVerified: '検証できません',
  pending: '保留中',
  fork: '分岐あり',
  ok: '正常',
  none: 'データがありません。',
  rawNote: '直近の日は受信した記録から、それ以前の日は日次集計から算出しています。',
  mobile: 'モバイル',
  tablet: 'タブレット',
  desktop: 'デスクトップ',
  problems: '問題',
  back: '戻る',
  deviceSigned: '患者のブラウザー鍵で署名済み',
  deviceUnsigned: 'ブラウザー鍵の署名なし',
  deviceBad: 'ブラウザー鍵の署名を検証できません',
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { ko, en, ja };

const isLang = (value: string | undefined): value is Lang => value !== undefined && Object.hasOwn(LANG_NAMES, value);

/**
 * `?lang=` wins, then the first language of Accept-Language (by its q-values, RFC 9110 §12.5.4) that
 * the dashboard speaks, then Korean.
 */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  const ranges = (acceptLanguage ?? '').split(',').map((range, index) => {
    const [tag = '', ...params] = range.split(';');
    const weight = params.map((param) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/i.exec(param)?.[1]).find((q) => q !== undefined);
    return { language: tag.trim().toLowerCase().split('-')[0], q: weight === undefined ? 1 : Number(weight), index };
  });
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.find((range) => range.q > 0 && isLang(range.language))?.language as Lang | undefined ?? 'ko';
}

/** Numbers, shares and instants written the way `lang` writes them; instants in UTC, saying so. */
export function formatsFor(lang: Lang): { number(value: number): string; percent(share: number): string; dateTime(iso: string): string } {
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' });
  return {
    number: (value) => number.format(value),
    percent: (share) => percent.format(share),
    // A stored value that is not a date is shown as it is rather than as "Invalid Date".
    dateTime: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : dateTime.format(new Date(iso))),
  };
}
