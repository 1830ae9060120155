// Local stand-ins for the two third-party trackers, and the one place that counts network traffic.
// Every request that is not to 127.0.0.1 passes through `route`: tracker hosts get a local answer,
// anything else is aborted; both are logged with the phase the flow was in when the request left.
import { trackers } from './page.mjs';

const beacon = (host, query) => `(function () {
  document.cookie = '${query.cookie}=1; path=/; max-age=31536000';
  new Image().src = 'https://${host}/${query.path}?t=' + Date.now();
})();`;

const standIns = {
  [trackers.analytics]: beacon('analytics.medisian.example', { cookie: '_mda', path: 'collect' }),
  [trackers.marketing]: beacon('pixel.medisian.example', { cookie: '_mdp', path: 'tr' }),
};

/** The stand-in trackers' hostnames. */
export const trackerHosts = [...new Set(Object.values(trackers).map((src) => new URL(src).hostname))];
/** Each tracker, once allowed, loads its script and fires one beacon. */
export const EXPECTED_TRACKER_REQUESTS = Object.keys(standIns).length * 2;

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');

/** Whether a URL is one of the stand-in trackers (the script or its beacon). */
export const isTracker = (url) => trackerHosts.includes(new URL(url).hostname);

export const isLoopback = (url) => url.hostname === '127.0.0.1';

/**
 * @typedef {{ phase: string, trackers: { phase: string, url: string }[], external: string[] }} TrafficLog
 * @param {import('playwright-core').BrowserContext} context
 * @param {TrafficLog} log  `log.phase` is read at the moment each request is intercepted
 */
export async function routeTrackers(context, log) {
  await context.route((url) => !isLoopback(url), async (route) => {
    const url = route.request().url();
    if (!isTracker(url)) {
      log.external.push(url);
      await route.abort('blockedbyclient');
      return;
    }
    log.trackers.push({ phase: log.phase, url });
    const script = standIns[url.split('?')[0] ?? ''];
    await route.fulfill(script
      ? { status: 200, contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' }, body: script }
      : { status: 200, contentType: 'image/gif', body: GIF });
  });
}
