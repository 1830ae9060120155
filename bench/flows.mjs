// The two browser sessions run per SDK, per CPU rate, per run; each in a fresh context.
//   rejectFlow: first visit, profiled (sizes, script time, CLS, trackers before a choice), then reject.
//   acceptFlow: first visit unprofiled (time to banner), accept, then a returning visit.
// Splitting them keeps the profiler's overhead out of the banner timing.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import { probeSource } from './probe.mjs';
import { startProfile, stopProfile } from './profile.mjs';
import { EXPECTED_TRACKER_REQUESTS, routeTrackers, trackerHosts } from './trackers.mjs';

/** Quiet time after `load` and the banner, so late work (and a late flash) still lands in the window. */
export const SETTLE_MS = 300;
/** How long after "reject all" requests still count as caused by it; a leak shows within this. */
export const AFTER_REJECT_MS = 500;
/** At most this long after "accept all" for every tracker to ask; the wait ends as soon as they all have. */
export const AFTER_ACCEPT_MS = 1500;
/**
 * A patient needs at least this long to read and click; clicking on the very frame the banner appears
 * can beat an SDK's own click handlers (tarteaucitron attaches them just after showing its banner).
 */
export const REACTION_MS = 250;
const BANNER_TIMEOUT_MS = 15000;
/** At most this long for an SDK's `settled` (adapters/index.mjs) before the returning visit. */
const SETTLED_TIMEOUT_MS = 10000;
const CHOICE_ATTEMPTS = 3;

// Quality-11 brotli of a 230 KB file costs real CPU; the same bytes come back every run, so remember them.
const brotliSizes = new Map();
const brotli = (bytes) => {
  const key = createHash('sha1').update(bytes).digest('hex');
  if (!brotliSizes.has(key)) brotliSizes.set(key, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  return brotliSizes.get(key);
};

/**
 * @typedef {{ id: string, cpu: number, rttMs: number }} Condition  CPU throttling rate and emulated round-trip time (0: loopback)
 */

/** A fresh context and page for one visit pair: trackers routed and logged, the banner probe, CPU and latency set. */
export async function open(browser, adapter, condition) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  /** @type {import('./trackers.mjs').TrafficLog & { assets: { phase: string, url: string, body: Promise<Buffer | null> }[] }} */
  const log = { phase: 'before', trackers: [], external: [], assets: [] };
  await routeTrackers(context, log);
  // Every JS or CSS file the SDK's own paths serve, tagged with the phase its request left in.
  const requestedIn = new WeakMap();
  context.on('request', (request) => requestedIn.set(request, log.phase));
  context.on('response', (response) => {
    const url = new URL(response.url());
    const type = response.headers()['content-type'] ?? '';
    if (url.hostname !== '127.0.0.1' || !adapter.own(url.pathname) || !/javascript|css/.test(type)) return;
    const phase = requestedIn.get(response.request()) ?? log.phase;
    log.assets.push({ phase, url: url.pathname, body: response.body().catch(() => null) });
  });
  const page = await context.newPage();
  await page.addInitScript({ content: probeSource(adapter.banner) });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
  if (condition.rttMs) {
    // Latency is added once per request, between sending it and the response headers: a round trip.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: condition.rttMs, downloadThroughput: -1, uploadThroughput: -1 });
  }
  return { context, page, cdp, log };
}

/**
 * Brotli bytes of the SDK's JS and CSS fetched in the given phases, each file compressed on its own.
 * @param {(url: string) => boolean} [counted] narrows the files further (e.g. to those asked for before the banner)
 */
async function assetBytes(log, phases, counted = () => true) {
  const files = new Map();
  for (const asset of log.assets) if (phases.includes(asset.phase) && counted(asset.url)) files.set(asset.url, asset.body);
  let total = 0;
  for (const body of files.values()) {
    const bytes = await body;
    if (bytes) total += brotli(bytes);
  }
  return { bytes: total, files: [...files.keys()] };
}

const countTrackers = (log, phase) => log.trackers.filter((request) => request.phase === phase).length;

export async function waitForBanner(page) {
  return page
    .waitForFunction(() => window.__bench?.bannerAt != null, null, { timeout: BANNER_TIMEOUT_MS, polling: 50 })
    .then(() => true, () => false);
}

/** Paths of the page's resources whose request started before the banner was visible (Resource Timing, same clock as the probe). */
const requestedBefore = (page, time) => page.evaluate(
  (until) => performance.getEntriesByType('resource').filter((entry) => entry.startTime <= until).map((entry) => new URL(entry.name).pathname),
  time,
);

export const readProbe = (page) => page.evaluate(() => {
  const { bannerAt, cls, loadAt } = window.__bench;
  return { bannerAt, cls, loadAt };
});

/**
 * Clicks a banner button the way a patient would: if the button is still showing a moment later,
 * click again. tarteaucitron, for one, only wires its buttons up 500 ms after showing them.
 * @returns {Promise<number>} clicks it took (CHOICE_ATTEMPTS + 1 if the button never went away)
 */
async function choose(page, selector) {
  const button = page.locator(selector).first();
  for (let attempt = 1; attempt <= CHOICE_ATTEMPTS; attempt += 1) {
    const clicked = await button.click({ timeout: attempt === 1 ? 10000 : 1000 }).then(() => true, () => false);
    if (!clicked) return attempt - 1;
    const gone = await button.waitFor({ state: 'hidden', timeout: 1000 }).then(() => true, () => false);
    if (gone) return attempt;
  }
  return CHOICE_ATTEMPTS + 1;
}

/** When this navigation's first tracker request started (Resource Timing, the probe's clock), or null. */
export const firstTrackerAt = (page) => page.evaluate(
  (hosts) => {
    const starts = performance.getEntriesByType('resource').filter((e) => hosts.includes(new URL(e.name).hostname)).map((e) => e.startTime);
    return starts.length ? Math.min(...starts) : null;
  },
  trackerHosts,
);

/** An unmeasured page load, so the first recorded run does not pay for cold caches. */
export async function warmUp(browser, url) {
  const context = await browser.newContext();
  try {
    await context.route((target) => target.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
  } finally {
    await context.close();
  }
}

/** First visit with the profiler on, then "reject all". */
export async function rejectFlow(browser, adapter, url, condition) {
  const { context, page, cdp, log } = await open(browser, adapter, condition);
  try {
    await startProfile(cdp);
    await page.goto(url, { waitUntil: 'load' });
    const shown = await waitForBanner(page);
    await page.waitForTimeout(SETTLE_MS);
    const scriptMs = await stopProfile(cdp, adapter.own);
    const probe = await readProbe(page);
    const beforeBanner = new Set(probe.bannerAt == null ? [] : await requestedBefore(page, probe.bannerAt));
    log.phase = 'afterReject';
    const rejectClicks = shown ? await choose(page, adapter.reject) : 0;
    await page.waitForTimeout(AFTER_REJECT_MS);
    const first = await assetBytes(log, ['before']);
    const banner = await assetBytes(log, ['before'], (file) => beforeBanner.has(file));
    const all = await assetBytes(log, ['before', 'afterReject']);
    return {
      shown,
      scriptMs,
      cls: probe.cls,
      // Everything asked for before the banner was visible, and (firstBytes) before the patient's choice.
      bannerBytes: banner.bytes,
      bannerFiles: banner.files,
      firstBytes: first.bytes,
      firstFiles: first.files,
      // Chunks an SDK fetches only once the patient has chosen (e.g. our receipt code) are reported apart.
      afterChoiceBytes: all.bytes - first.bytes,
      afterChoiceFiles: all.files.filter((file) => !first.files.includes(file)),
      trackersBefore: countTrackers(log, 'before'),
      trackersAfterReject: countTrackers(log, 'afterReject'),
      rejectClicks,
      external: log.external.length,
    };
  } finally {
    await context.close();
  }
}

/** First visit (time to banner), "accept all", then the same page again as a returning visitor. */
export async function acceptFlow(browser, adapter, url, condition) {
  const { context, page, log } = await open(browser, adapter, condition);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const shown = await waitForBanner(page);
    const { bannerAt } = await readProbe(page);
    await page.waitForTimeout(REACTION_MS);
    const trackersBefore = countTrackers(log, 'before');
    log.phase = 'afterAccept';
    const acceptClicks = shown ? await choose(page, adapter.accept) : 0;
    // Accepting should release every tracker; stop waiting once all of them have asked.
    const deadline = Date.now() + AFTER_ACCEPT_MS;
    while (countTrackers(log, 'afterAccept') < EXPECTED_TRACKER_REQUESTS && Date.now() < deadline) await page.waitForTimeout(25);
    const trackersAfterAccept = countTrackers(log, 'afterAccept');
    // A patient comes back later, not within the same second: let the work the choice started finish
    // first (ours keeps the decision's receipt; a returning visit that finds it unkept fetches the
    // receipts code to keep it, which a real returning visit would not need).
    if (adapter.settled) await page.waitForFunction(adapter.settled, null, { timeout: SETTLED_TIMEOUT_MS, polling: 25 }).catch(() => undefined);

    log.phase = 'return';
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const returning = await readProbe(page);
    const firstTrackerMs = await firstTrackerAt(page);
    const back = await assetBytes(log, ['return']);
    return {
      shown,
      bannerMs: shown ? bannerAt : null,
      trackersBefore,
      trackersAfterAccept,
      acceptClicks,
      returnBytes: back.bytes,
      returnFiles: back.files,
      flash: returning.bannerAt != null,
      trackersOnReturn: countTrackers(log, 'return'),
      firstTrackerMs,
      external: log.external.length,
    };
  } finally {
    await context.close();
  }
}
