// The built-in tracker catalog: which hosts, URL prefixes, cookies and inline-snippet markers belong
// to which service and consent category. Data only, kept compact because it ships in the loader;
// sources per row are listed in test/unit/blockers/catalog.test.ts. Imports nothing.

/**
 * One row: `[service, category, patterns, cookies, flags, markers]`, lists space-separated.
 * - patterns: `host` (also matches its subdomains) or `host/path-prefix` (query included);
 * - cookies: exact names or `*` wildcards;
 * - flags: `g` a Google tag that understands Consent Mode, `r` a session-replay tool;
 * - markers: calls of a global that only the tracker's script defines (`kakaoPixel(`): an inline
 *   script making such a call while the global is missing waits for the tracker. Vendors whose
 *   snippet defines its own queue stub (fbq, ttq, twq, _lt, ytag…) need none.
 */
export type CatalogRow = readonly [service: string, category: string, patterns: string, cookies?: string, flags?: string, markers?: string];

export const CATALOG: readonly CatalogRow[] = [
  ['google-analytics', 'analytics', 'google-analytics.com analytics.google.com googletagmanager.com/gtag/ stats.g.doubleclick.net', '_ga _ga_* _gid _gat* _gac_*', 'g'],
  ['google-tag-manager', 'analytics', 'googletagmanager.com', '', 'g'],
  ['google-ads', 'marketing', 'googleadservices.com doubleclick.net googlesyndication.com google.com/pagead google.com/ccm googletagmanager.com/gtag/js?id=AW- googletagmanager.com/gtag/js?id=DC-', '_gcl_*', 'g'],
  ['meta-pixel', 'marketing', 'connect.facebook.net facebook.com/tr', '_fbp _fbc'],
  ['tiktok-pixel', 'marketing', 'analytics.tiktok.com', '_ttp _tt_enable_cookie ttcsid*'],
  ['microsoft-clarity', 'analytics', 'clarity.ms', '_clck _clsk', 'r'],
  ['hotjar', 'analytics', 'hotjar.com hotjar.io', '_hj*', 'r'],
  ['linkedin-insight', 'marketing', 'snap.licdn.com px.ads.linkedin.com dc.ads.linkedin.com', 'li_fat_id li_giant ln_or'],
  ['x-pixel', 'marketing', 'static.ads-twitter.com analytics.twitter.com t.co/i/adsct', '_twclid'],
  ['criteo', 'marketing', 'criteo.net criteo.com', 'cto_* crto_*'],
  ['naver-analytics', 'analytics', 'wcs.naver.net wcs.naver.com', 'wcs_bt', '', 'wcs_do( wcs.'],
  ['naver-ads', 'marketing', 'siape.veta.naver.com nam.veta.naver.com', 'NA_* NVADID'],
  ['kakao-pixel', 'marketing', 't1.daumcdn.net/kas/static/kp', '', '', 'kakaoPixel('],
  ['kakao-ads', 'marketing', 't1.daumcdn.net/kas/ t1.daumcdn.net/adfit/ ad.daum.net'],
  ['mobon', 'marketing', 'mobon.net megadata.co.kr'],
  ['yahoo-japan-ads', 'marketing', 's.yimg.jp/images/listing/tool/cv/ yjtag.yahoo.co.jp', '*_yjad'],
  ['line-tag', 'marketing', 'd.line-scdn.net/n/line_tag/ tr.line.me', '__lt__*'],
];
