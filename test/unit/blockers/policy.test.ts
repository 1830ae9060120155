// The decision every guard asks ("may this tracker run now?") and the cookie rule built on it:
// live grants, sensitive pages, session replay, Consent Mode basic vs advanced, fail closed.
import { describe, expect, it } from 'vitest';
import { cookieBlocked } from '../../../src/blockers/guards/cookie.js';
import { createMatcher } from '../../../src/blockers/guards/match.js';
import { createPolicy } from '../../../src/blockers/guards/policy.js';
import type { PolicyContext } from '../../../src/blockers/guards/policy.js';
import { catalogEntries } from '../../../src/blockers/trackers.js';
import { resolveTracking } from '../../../src/config/tracking.js';
import type { TrackingConfigInput } from '../../../src/config/tracking.js';
import type { ResolvedConfig } from '../../../src/config/types.js';

const config = {
  categories: [
    { id: 'necessary', required: true, services: [] },
    { id: 'analytics', required: false, services: [{ id: 'naver-analytics', name: 'Naver Analytics' }] },
    { id: 'marketing', required: false, services: [] },
  ],
  consentMode: { enabled: true },
} as unknown as ResolvedConfig;

function setup(tracking: TrackingConfigInput = {}, path = '/') {
  const grants: Record<string, boolean> = {};
  const asked: [string, string | undefined][] = [];
  let page = path;
  const context: PolicyContext = {
    config,
    tracking: resolveTracking(tracking, catalogEntries()),
    isGranted: (category, service) => {
      asked.push([category, service]);
      return grants[category] === true && (service === undefined || grants[service] !== false);
    },
  };
  const policy = createPolicy(context, () => page, () => 'http://clinic.example.co.kr/');
  return { policy, grants, asked, go: (next: string) => (page = next) };
}

describe('the guard policy', () => {
  it('blocks a tracker until its category is granted, and again after a withdrawal', () => {
    const { policy, grants } = setup();
    const pixel = 'https://www.facebook.com/tr?id=1&ev=PageView';
    expect(policy.blocks(pixel)?.service).toBe('meta-pixel');
    grants.marketing = true;
    expect(policy.blocks(pixel)).toBeUndefined();
    grants.marketing = false;
    expect(policy.blocks(pixel)?.service, 'silenced after withdraw').toBe('meta-pixel');
  });

  it('never blocks the page\'s own or unknown requests', () => {
    const { policy } = setup();
    for (const url of ['/api/slots', 'api/slots', 'https://cdn.example.com/app.js', new URL('https://clinic.example.co.kr/x'), null, undefined, 42]) {
      expect(policy.blocks(url), String(url)).toBeUndefined();
    }
  });

  it('sees through URL spellings the browser normalises (tabs, newlines, spaces, backslashes, case, a trailing dot, escapes, full-width letters, dot segments)', () => {
    const { policy } = setup();
    for (const url of [
      'https://connect.face\tbook.net/en_US/fbevents.js',
      'https://connect.facebook.net/en_US/\nfbevents.js',
      '  https://www.facebook.com/tr?id=1',
      'https:\\\\www.facebook.com\\tr?id=1',
      '\\\\www.facebook.com/tr?id=1',
      'HTTPS://WWW.FACEBOOK.COM/tr?id=1',
      'https://www.facebook.com./tr?id=1',
      'https://user:pass@www.facebook.com:443/tr?id=1',
      'https:www.facebook.com/tr?id=1',
      '//wcs.naver.net/wcslog.js',
      'https://connect.faceb%6Fok.net/en_US/fbevents.js',
      'https://www.\uff46acebook.com/tr?id=1',
      'https://www.facebook.com/x/../tr?id=1',
      'https://www.facebook.com/%2e/tr?id=1',
    ]) {
      expect(policy.blocks(url), JSON.stringify(url)).toBeDefined();
    }
  });

  it('reads a Request-like object by its url', () => {
    const { policy } = setup();
    expect(policy.blocks({ url: 'https://analytics.tiktok.com/api/v2/pixel' })?.service).toBe('tiktok-pixel');
  });

  it('asks about a service by id only when the clinic declared it', () => {
    const { policy, grants, asked } = setup();
    grants.analytics = true;
    policy.blocks('https://wcs.naver.net/wcslog.js');
    policy.blocks('https://www.clarity.ms/tag/x');
    expect(asked).toContainEqual(['analytics', 'naver-analytics']);
    expect(asked).not.toContainEqual(['analytics', 'microsoft-clarity']);
  });

  it('keeps everything off on a sensitive path, whatever the consent, also after an in-page navigation', () => {
    const { policy, grants, go } = setup({ sensitivePaths: ['/booking'] });
    grants.analytics = grants.marketing = true;
    expect(policy.blocks('https://www.google-analytics.com/g/collect')).toBeUndefined();
    go('/booking/step-1');
    expect(policy.blocks('https://www.google-analytics.com/g/collect')?.service).toBe('google-analytics');
  });

  it('keeps session replay off by default even with consent, and runs it with consent when masked', () => {
    const off = setup();
    off.grants.analytics = true;
    expect(off.policy.blocks('https://www.clarity.ms/tag/abc')?.service).toBe('microsoft-clarity');
    const masked = setup({ sessionReplay: 'masked' });
    expect(masked.policy.blocks('https://static.hotjar.com/c/hotjar-1.js')?.service).toBe('hotjar');
    masked.grants.analytics = true;
    expect(masked.policy.blocks('https://static.hotjar.com/c/hotjar-1.js')).toBeUndefined();
  });

  it('lets Google tags load with denied signals in advanced mode only; other trackers stay blocked', () => {
    const basic = setup();
    expect(basic.policy.blocks('https://www.googletagmanager.com/gtm.js?id=GTM-1')).toBeDefined();
    const advanced = setup({ googleMode: 'advanced' });
    expect(advanced.policy.blocks('https://www.googletagmanager.com/gtm.js?id=GTM-1')).toBeUndefined();
    expect(advanced.policy.blocks('https://www.google-analytics.com/g/collect')).toBeUndefined();
    expect(advanced.policy.blocks('https://connect.facebook.net/en_US/fbevents.js')).toBeDefined();
  });

  it('fails closed for a catalog match when isGranted throws', () => {
    const { policy } = setup();
    const throwing = createPolicy({ config, tracking: resolveTracking({}, catalogEntries()), isGranted: () => { throw new Error('store gone'); } }, () => '/', () => 'http://clinic.example.co.kr/');
    expect(throwing.blocks('https://connect.facebook.net/en_US/fbevents.js')).toBeDefined();
    expect(policy.blocks('/own.js')).toBeUndefined();
  });
});

describe('the cookie rule', () => {
  it('drops a catalog cookie whose category is not granted, and lets it through once granted', () => {
    const { policy, grants } = setup();
    expect(cookieBlocked(policy, '_ga=GA1.1.123.456; path=/; max-age=63072000')).toBe(true);
    expect(cookieBlocked(policy, ' NA_SA=abc; domain=.clinic.co.kr')).toBe(true);
    grants.analytics = true;
    expect(cookieBlocked(policy, '_ga=GA1.1.123.456; path=/')).toBe(false);
    expect(cookieBlocked(policy, '_fbp=fb.1.2.3'), 'marketing is still refused').toBe(true);
  });

  it('always lets deletions and the page\'s own cookies through', () => {
    const { policy } = setup();
    expect(cookieBlocked(policy, '_ga=; Max-Age=0; Path=/')).toBe(false);
    expect(cookieBlocked(policy, '_fbp=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/')).toBe(false);
    expect(cookieBlocked(policy, 'lang=ko; path=/')).toBe(false);
    expect(cookieBlocked(policy, 'cc_choice=v1; path=/')).toBe(false);
  });
});

describe('a clinic tracker with a Korean path or host', () => {
  // Regression: the pattern kept Korean text while the browser fetches (and a held script's src reads) the URL
  // percent-encoded and its host in Punycode, so the tracker was not recognised and ran before consent.
  const { policy } = setup({ entries: [{ service: 'booking-ads', category: 'marketing', patterns: ['ads.example.kr/예약추적', '광고.kr'] }] });

  it.each([
    'https://ads.example.kr/예약추적/px.js',
    `https://ads.example.kr${encodeURI('/예약추적/px.js')}`,
    'https://광고.kr/px.gif?page=/예약',
    `https://${new URL('http://광고.kr').hostname}/px.gif`,
  ])('is blocked before consent when the page asks for %s, and found in a held script src', (url) => {
    expect(policy.blocks(url)?.service).toBe('booking-ads');
    expect(policy.match.url(new URL(url).href)?.service).toBe('booking-ads');
  });

  it('leaves other paths of that host alone', () => {
    expect(policy.blocks('https://ads.example.kr/예약')).toBeUndefined();
  });
});

describe('the matcher of a script URL (a held script is checked by its resolved src)', () => {
  const match = createMatcher(catalogEntries());
  const service = (url: string) => match.url(url)?.service;

  it('finds the entry of absolute and protocol-relative URLs, by host and by path prefix with the query', () => {
    expect(service('https://www.googletagmanager.com/gtag/js?id=G-1')).toBe('google-analytics');
    expect(service('https://www.googletagmanager.com/gtag/js?id=AW-1')).toBe('google-ads');
    expect(service('//connect.facebook.net/en_US/fbevents.js')).toBe('meta-pixel');
    expect(service('https://user@CONNECT.Facebook.NET./x.js')).toBe('meta-pixel');
  });

  it('reads a URL as the browser fetches it: dot segments resolved, credentials not taken for the host', () => {
    expect(service('https://www.facebook.com/x/../tr?id=1')).toBe('meta-pixel');
    expect(service('https://connect.facebook.net@clinic.example/x.js')).toBeUndefined();
  });

  it('leaves relative URLs (the page own) and text that is no URL alone, without throwing', () => {
    expect(service('/js/app.js')).toBeUndefined();
    expect(service('connect.facebook.net/x.js')).toBeUndefined();
    expect(service('http://[bad')).toBeUndefined();
    expect(service('data:text/javascript,1')).toBeUndefined();
  });
});
