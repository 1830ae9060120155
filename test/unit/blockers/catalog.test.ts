// One test per catalog entry: the URLs its vendor documents (script, collection endpoint) and its
// first-party cookies are recognised as that service, in the right category. Each row names the
// vendor documentation the hosts and cookie names come from.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/blockers/catalog.js';
import { createMatcher } from '../../../src/blockers/guards/match.js';
import { catalogEntries } from '../../../src/blockers/trackers.js';

interface Expectation {
  category: string;
  urls: string[];
  cookies: string[];
  /** An inline call of the tracker's global, which must wait while the global is missing. */
  inline?: string;
  source: string;
}

const expectations: Record<string, Expectation> = {
  'google-analytics': {
    category: 'analytics',
    urls: ['https://www.googletagmanager.com/gtag/js?id=G-ABC123', 'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123', 'https://analytics.google.com/g/collect', 'https://stats.g.doubleclick.net/g/collect'],
    cookies: ['_ga', '_ga_ABC123', '_gid', '_gat_gtag_UA_1', '_gac_gb_1'],
    source: 'https://support.google.com/analytics/answer/11397207 (cookie usage); https://developers.google.com/tag-platform/security/guides/csp (hosts)',
  },
  'google-tag-manager': {
    category: 'analytics',
    urls: ['https://www.googletagmanager.com/gtm.js?id=GTM-ABCD', 'https://www.googletagmanager.com/ns.html?id=GTM-ABCD'],
    cookies: [],
    source: 'https://developers.google.com/tag-platform/tag-manager/web (container snippet)',
  },
  'google-ads': {
    category: 'marketing',
    urls: ['https://www.googletagmanager.com/gtag/js?id=AW-123456', 'https://www.googleadservices.com/pagead/conversion.js', 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/', 'https://www.google.com/pagead/1p-user-list/1/', 'https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'],
    cookies: ['_gcl_au', '_gcl_aw', '_gcl_dc'],
    source: 'https://business.safety.google/adscookies/ ; https://developers.google.com/tag-platform/security/guides/csp',
  },
  'meta-pixel': {
    category: 'marketing',
    urls: ['https://connect.facebook.net/en_US/fbevents.js', 'https://www.facebook.com/tr?id=123&ev=PageView&noscript=1'],
    cookies: ['_fbp', '_fbc'],
    source: 'https://developers.facebook.com/docs/meta-pixel/get-started ; https://www.facebook.com/policy/cookies/',
  },
  'tiktok-pixel': {
    category: 'marketing',
    urls: ['https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=ABC&lib=ttq', 'https://analytics.tiktok.com/api/v2/pixel'],
    cookies: ['_ttp', '_tt_enable_cookie', 'ttcsid', 'ttcsid_ABC'],
    source: 'https://ads.tiktok.com/help/article/how-to-use-cookies-with-tiktok-pixel',
  },
  'microsoft-clarity': {
    category: 'analytics',
    urls: ['https://www.clarity.ms/tag/abcdef', 'https://scripts.clarity.ms/0.7.49/clarity.js', 'https://k.clarity.ms/collect'],
    cookies: ['_clck', '_clsk'],
    source: 'https://learn.microsoft.com/clarity/setup-and-installation/cookie-list ; https://learn.microsoft.com/clarity/setup-and-installation/clarity-csp',
  },
  hotjar: {
    category: 'analytics',
    urls: ['https://static.hotjar.com/c/hotjar-123.js?sv=6', 'https://script.hotjar.com/modules.js', 'https://metrics.hotjar.io/'],
    cookies: ['_hjSessionUser_123', '_hjSession_123', '_hjTLDTest', '_hjAbsoluteSessionInProgress'],
    source: 'https://help.hotjar.com/hc/en-us/articles/6952777582999 (cookies); https://help.hotjar.com/hc/en-us/articles/115011640307 (CSP hosts)',
  },
  'linkedin-insight': {
    category: 'marketing',
    urls: ['https://snap.licdn.com/li.lms-analytics/insight.min.js', 'https://px.ads.linkedin.com/collect/?pid=1&fmt=gif'],
    cookies: ['li_fat_id', 'li_giant', 'ln_or'],
    source: 'https://www.linkedin.com/help/lms/answer/a1338232 ; https://www.linkedin.com/legal/l/cookie-table',
  },
  'x-pixel': {
    category: 'marketing',
    urls: ['https://static.ads-twitter.com/uwt.js', 'https://analytics.twitter.com/i/adsct?p_id=Twitter', 'https://t.co/i/adsct?p_id=Twitter'],
    cookies: ['_twclid'],
    source: 'https://business.x.com/en/help/campaign-measurement-and-analytics/conversion-tracking-for-websites',
  },
  criteo: {
    category: 'marketing',
    urls: ['https://static.criteo.net/js/ld/ld.js', 'https://sslwidget.criteo.com/event?a=1', 'https://gum.criteo.com/sync'],
    cookies: ['cto_bundle', 'crto_mapped_user_id'],
    source: 'https://www.criteo.com/privacy/ ; https://github.com/criteo/gtm-criteo-useridentification (first-party cookies)',
  },
  'naver-analytics': {
    category: 'analytics',
    urls: ['https://wcs.naver.net/wcslog.js', '//wcs.naver.net/wcslog.js', 'https://wcs.naver.com/b'],
    cookies: ['wcs_bt'],
    inline: 'var _nasa = {}; if (window.wcs) _nasa["cnv"] = wcs.cnv("1", "10");',
    source: 'https://naver.github.io/conversion-tracking/pages/01_script_guide_wcstrans ; https://analytics.naver.com (install guide)',
  },
  'naver-ads': {
    category: 'marketing',
    urls: ['https://siape.veta.naver.com/fxshow?su=1', 'https://nam.veta.naver.com/nac/1'],
    cookies: ['NA_SA', 'NA_DA', 'NA_CO', 'NVADID'],
    source: 'https://navercts.gitbook.io/guide/gather_description (NA_SA / NA_DA cookies)',
  },
  'kakao-pixel': {
    category: 'marketing',
    urls: ['https://t1.daumcdn.net/kas/static/kp.js', '//t1.daumcdn.net/kas/static/kp.js'],
    cookies: [],
    inline: "kakaoPixel('1234567890').pageView();",
    source: 'https://kakaobusiness.gitbook.io/main/tool/pixel-sdk/install',
  },
  'kakao-ads': {
    category: 'marketing',
    urls: ['https://t1.daumcdn.net/kas/static/ba.min.js', 'https://t1.daumcdn.net/adfit/static/ad.min.js', 'https://display.ad.daum.net/sdk/web'],
    cookies: [],
    source: 'https://adfit.github.io (AdFit web SDK)',
  },
  mobon: {
    category: 'marketing',
    urls: ['https://cdn.megadata.co.kr/js/en_script/3.0/enliple_min3.js', 'https://log.mobon.net/conv'],
    cookies: [],
    source: 'https://www.mobon.net (advertiser script guide)',
  },
  'yahoo-japan-ads': {
    category: 'marketing',
    urls: ['https://s.yimg.jp/images/listing/tool/cv/ytag.js', 'https://yjtag.yahoo.co.jp/tag?site=1'],
    cookies: ['_ycl_yjad', '_yjsu_yjad', '_ts_yjad', 'yjr_yjad'],
    source: 'https://ads-help.yahoo.co.jp/yahooads/ss/articledetail?lan=en&aid=27085 ; https://ads-developers.yahoo.co.jp/developercenter/ja/announcement/212358.html',
  },
  'line-tag': {
    category: 'marketing',
    urls: ['https://d.line-scdn.net/n/line_tag/public/release/v1/lt.js', 'https://tr.line.me/tag.gif?c_t=lap'],
    cookies: ['__lt__cid', '__lt__sid'],
    source: 'https://www.lycbiz.com/jp/manual/LINE-Ads/line_tag/ (LINE Tag)',
  },
};

const entries = catalogEntries();
const match = createMatcher(entries);

describe('the built-in catalog', () => {
  it('has a documented expectation for every entry, and an entry for every expectation', () => {
    expect(CATALOG.map(([service]) => service).sort()).toEqual(Object.keys(expectations).sort());
  });

  for (const entry of entries) {
    const expected = expectations[entry.service];
    describe(entry.service, () => {
      it(`is in the "${expected?.category}" category (source: ${expected?.source})`, () => {
        expect(entry.category).toBe(expected?.category);
      });
      for (const url of expected?.urls ?? []) {
        it(`recognises ${url}`, () => expect(match.url(url)?.service, url).toBe(entry.service));
      }
      for (const name of expected?.cookies ?? []) {
        it(`recognises the cookie ${name}`, () => expect(match.cookie(name)?.service, name).toBe(entry.service));
      }
      if (expected?.inline) {
        it('holds an inline call of its global while the global is missing, not once it exists', () => {
          expect(match.inline(expected.inline ?? '', () => false)?.service).toBe(entry.service);
          expect(match.inline(expected.inline ?? '', () => true)).toBeUndefined();
        });
      }
    });
  }
});

describe('catalog matching leaves the page alone', () => {
  it.each([
    '/api/booking',
    'https://clinic.example.co.kr/js/app.js',
    'https://www.google.com/maps/embed?pb=1',
    'https://fonts.googleapis.com/css2?family=Noto+Sans+KR',
    'https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js',
    'https://www.facebook.com/plugins/page.php',
    'https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js',
    'https://notclarity.ms.example.com/x',
  ])('does not match %s', (url) => {
    expect(match.url(url)).toBeUndefined();
  });

  it.each(['session', 'lang', 'PHPSESSID', 'ga', '_gax', 'clinic_fbp'])('does not match the cookie %s', (name) => {
    expect(match.cookie(name)).toBeUndefined();
  });

  it('does not take a word that merely contains a marker for a tracker call', () => {
    expect(match.inline('swcs_do(); mykakaoPixel("1"); refbq(2);', () => false)).toBeUndefined();
  });

  // Regression (issue 13, defect 8): a link to https://wcs.naver.net in a string was held as Naver
  // Analytics, so a clinic's own inline code was blocked for what it mentioned.
  it.each([
    'document.getElementById("n").href = "https://wcs.naver.net/help";',
    "var note = 'call wcs_do() after kakaoPixel(id)'; // wcs.inflow() is Naver's",
    '/* wcs.inflow(); kakaoPixel("1") */ showBooking();',
    'const help = `see wcs.naver.com or wcs_do(${1})`;',
  ])('does not hold an inline script that only mentions a tracker: %s', (text) => {
    expect(match.inline(text, () => false)).toBeUndefined();
  });

  it.each([
    ['wcs.inflow("clinic.test"); wcs_do();', 'naver-analytics'],
    ['var link = "https://wcs.naver.net"; if (window.wcs) wcs.inflow();', 'naver-analytics'],
    ["kakaoPixel('1234567890').pageView(); // see kakaoPixel docs", 'kakao-pixel'],
  ])('holds an inline script for the tracker it calls: %s', (text, service) => {
    expect(match.inline(text, () => false)?.service).toBe(service);
  });

  it('does not hold an inline snippet that names a tracker host or defines its own stub (its inserted script is held instead)', () => {
    expect(match.inline("var s = document.createElement('script'); s.src = 'https://www.clarity.ms/tag/x';", () => false)).toBeUndefined();
    expect(match.inline("fbq('init', '1'); fbq('track', 'PageView'); ttq.page(); twq('config', 'x');", () => false)).toBeUndefined();
  });
});
