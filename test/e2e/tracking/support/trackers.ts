// Every tracker host routed to a local stand-in, and every request to one counted. A stand-in
// script records that it ran (window.trackerRuns), then behaves like its vendor's script: it sends
// data (beacon, pixel, fetch or XHR in turn) and writes its cookie at once and every second for as
// long as it runs, so a tracker that keeps running after a withdrawal is visible. Hosts are classified with
// the SDK's own catalog, so a stand-in exists for whatever the page loads.
import type { BrowserContext, Request } from '@playwright/test';
import { createMatcher } from '../../../../src/blockers/guards/match.js';
import { catalogEntries } from '../../../../src/blockers/trackers.js';

const match = createMatcher(catalogEntries());

/** What each stand-in sends and sets, per service (its vendor's collection endpoint and cookie). */
const behaviour: Record<string, { collect: string; cookie?: string; extra?: string }> = {
  'google-analytics': { collect: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-CLINIC0001', cookie: '_ga' },
  'google-tag-manager': { collect: 'https://www.google-analytics.com/g/collect?v=2&gtm=1' },
  'meta-pixel': { collect: 'https://www.facebook.com/tr?id=123456789012345&ev=PageView', cookie: '_fbp' },
  'naver-analytics': {
    collect: 'https://wcs.naver.com/b',
    cookie: 'wcs_bt',
    extra: "window.wcs = { inflow: function () {} }; window.wcs_do = function () { window.trackerRuns.push('naver-analytics:wcs_do'); navigator.sendBeacon('https://wcs.naver.com/m', 'pv'); };",
  },
  'kakao-pixel': {
    collect: 'https://bc.ad.daum.net/bc',
    extra: "window.kakaoPixel = function (id) { return { pageView: function () { window.trackerRuns.push('kakao-pixel:pageView'); new Image().src = 'https://bc.ad.daum.net/bc?pv=' + id; } }; };",
  },
  'microsoft-clarity': { collect: 'https://k.clarity.ms/collect', cookie: '_clck' },
  hotjar: { collect: 'https://in.hotjar.com/api/v2/client/sites/1234567/visit-data', cookie: '_hjSessionUser_1234567' },
  'tiktok-pixel': { collect: 'https://analytics.tiktok.com/api/v2/pixel', cookie: '_ttp' },
  'x-pixel': { collect: 'https://analytics.twitter.com/i/adsct?p_id=Twitter', cookie: '_twclid' },
  'linkedin-insight': { collect: 'https://px.ads.linkedin.com/collect/?pid=1234&fmt=gif', cookie: 'li_fat_id' },
};

function standInScript(service: string): string {
  const { collect, cookie, extra = '' } = behaviour[service] ?? { collect: '' };
  return `(function () {
  window.trackerRuns = window.trackerRuns || [];
  window.trackerRuns.push(${JSON.stringify(service)});
  ${extra}
  var n = 0;
  // One request per beat, cycling through the ways trackers send data, so a 10 s watch sees each.
  function beat() {
    var url = ${JSON.stringify(collect)};
    if (url) {
      var tagged = url + (url.indexOf('?') < 0 ? '?' : '&') + 'n=' + n;
      var way = n % 4;
      if (way === 0) navigator.sendBeacon(tagged + '&via=beacon', 'e');
      else if (way === 1) new Image().src = tagged + '&via=img';
      else if (way === 2) fetch(tagged + '&via=fetch', { method: 'POST', body: 'e', mode: 'no-cors' }).catch(function () {});
      else { var xhr = new XMLHttpRequest(); xhr.open('POST', tagged + '&via=xhr'); xhr.send('e'); }
    }
    n++;
    ${cookie ? `document.cookie = ${JSON.stringify(cookie)} + '=' + Date.now() + '; path=/; max-age=3600';` : ''}
  }
  beat();
  setInterval(beat, 1000);
})();`;
}

export interface TrackerRequest {
  readonly service: string;
  readonly url: string;
  /** A script file (the tracker itself) or data (collect calls, pixels, beacons, fetch/XHR). */
  readonly kind: 'script' | 'data';
  /** The page that sent it. */
  readonly page: string;
}

export interface TrackerLog {
  readonly requests: TrackerRequest[];
  scripts(): TrackerRequest[];
  data(): TrackerRequest[];
  /** Forgets what was counted so far. */
  reset(): void;
}

/** Routes every catalog host of `context` to stand-ins and logs each request. */
export async function routeTrackers(context: BrowserContext): Promise<TrackerLog> {
  const requests: TrackerRequest[] = [];
  const pageOf = (request: Request) => {
    try {
      return request.frame().page().url();
    } catch {
      return '(service worker or detached frame)';
    }
  };
  await context.route(
    (url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1' && match.url(url.href) !== undefined,
    async (route) => {
      const request = route.request();
      const service = match.url(request.url())?.service ?? 'unknown';
      const kind = request.resourceType() === 'script' ? 'script' : 'data';
      requests.push({ service, url: request.url(), kind, page: pageOf(request) });
      if (kind === 'script') {
        // CORS too, so a tracker loaded as a module script runs as well.
        await route.fulfill({ status: 200, contentType: 'text/javascript', headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' }, body: standInScript(service) });
      } else if (request.resourceType() === 'image') {
        await route.fulfill({ status: 200, contentType: 'image/gif', body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
      } else {
        await route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*' } });
      }
    },
  );
  // Anything else outside this machine would hang on the closed network: answer it at once.
  await context.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1' && match.url(url.href) === undefined, (route) => route.fulfill({ status: 204 }));
  return {
    requests,
    scripts: () => requests.filter((request) => request.kind === 'script'),
    data: () => requests.filter((request) => request.kind === 'data'),
    reset: () => void requests.splice(0),
  };
}

/** Tracker cookies: names the catalog knows, among those the browser holds for the site. */
export async function trackerCookies(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((cookie) => cookie.name).filter((name) => match.cookie(name) !== undefined).sort();
}
