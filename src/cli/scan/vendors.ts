// Who is behind each service of the built-in catalog (src/blockers/catalog.ts), for the scanner's
// draft config and the disclosure table: a display name, the recipient, its country, and how long
// its cookies live. Kept here, not in the catalog, because the catalog ships in the loader and these
// texts are only needed on the clinic's machine. A retention is given only where the vendor
// documents one fixed lifetime; where it varies or is undocumented it is left out, and the report
// asks the clinic to fill it in rather than guess. test/unit/cli/scan/vendors.test.ts checks that
// every catalog service has its row.

export interface Vendor {
  readonly name: string;
  readonly thirdParty: string;
  /** ISO 3166-1 alpha-2 country of the recipient patients' data goes to. */
  readonly country: string;
  /** Documented lifetime per cookie name of the catalog entry. */
  readonly retention?: Readonly<Record<string, string>>;
}

const google = 'Google LLC';
const meta = 'Meta Platforms, Inc.';
const naver = 'NAVER Corp.';
const kakao = 'Kakao Corp.';
const ly = 'LY Corporation';

export const VENDORS: Readonly<Record<string, Vendor>> = {
  'google-analytics': { name: 'Google Analytics', thirdParty: google, country: 'US', retention: { _ga: '2 years', '_ga_*': '2 years', _gid: '24 hours', '_gat*': '1 minute', '_gac_*': '90 days' } },
  'google-tag-manager': { name: 'Google Tag Manager', thirdParty: google, country: 'US' },
  'google-ads': { name: 'Google Ads', thirdParty: google, country: 'US', retention: { '_gcl_*': '90 days' } },
  'meta-pixel': { name: 'Meta Pixel', thirdParty: meta, country: 'US', retention: { _fbp: '90 days', _fbc: '90 days' } },
  'tiktok-pixel': { name: 'TikTok Pixel', thirdParty: 'TikTok Pte. Ltd.', country: 'SG', retention: { _ttp: '13 months' } },
  'microsoft-clarity': { name: 'Microsoft Clarity', thirdParty: 'Microsoft Corporation', country: 'US', retention: { _clck: '1 year', _clsk: '1 day' } },
  hotjar: { name: 'Hotjar', thirdParty: 'Hotjar Ltd.', country: 'MT' },
  'linkedin-insight': { name: 'LinkedIn Insight Tag', thirdParty: 'LinkedIn Corporation', country: 'US', retention: { li_fat_id: '30 days', li_giant: '7 days', ln_or: '1 day' } },
  'x-pixel': { name: 'X Pixel', thirdParty: 'X Corp.', country: 'US' },
  criteo: { name: 'Criteo', thirdParty: 'Criteo S.A.', country: 'FR', retention: { 'cto_*': '13 months' } },
  'naver-analytics': { name: 'Naver Analytics', thirdParty: naver, country: 'KR' },
  'naver-ads': { name: 'Naver search ads', thirdParty: naver, country: 'KR' },
  'kakao-pixel': { name: 'Kakao Pixel', thirdParty: kakao, country: 'KR' },
  'kakao-ads': { name: 'Kakao ads', thirdParty: kakao, country: 'KR' },
  mobon: { name: 'MOBON', thirdParty: 'Enliple Co., Ltd.', country: 'KR' },
  'yahoo-japan-ads': { name: 'Yahoo! JAPAN ads', thirdParty: ly, country: 'JP' },
  'line-tag': { name: 'LINE Tag', thirdParty: ly, country: 'JP' },
};
