// Our SDK against itself: two builds of its files, A and B, on the bench's page in one browser, the runs
// interleaved (A B, B A, A B...) so that whatever else loads the machine falls on both alike. For a change
// too small for the peers' run to show above its noise. Prints the medians of each: banner visible, own
// script time and the main thread's busy time on a first visit; with BENCH_RETURNING=1 also a returning
// visit's first tracker request and its busy time.
//
//   node bench/ab.mjs <folder A> <folder B>
//
// Each folder holds built files by name (clinic-consent.js, clinic-consent-ui.js, ...), served instead of
// dist/'s files of that name; dist/ serves the rest, to both. Every file of ours goes through the same
// route for A and B, so neither pays for the routing alone (emulated latency does not apply to routed
// responses: this compares CPU work, not round trips). Env: BENCH_RUNS (default 11), BENCH_CPU (default 1).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { resolveChromium } from '../test/support/chromium.mjs';
import ours from './adapters/clinic-consent.mjs';
import { SETTLE_MS, firstTrackerAt, open, readProbe, waitForBanner, warmUp } from './flows.mjs';
import { startProfile, stopProfileTimes } from './profile.mjs';
import { startBenchServer } from './server.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const CPU = Number(process.env.BENCH_CPU ?? 1);
const RETURNING = process.env.BENCH_RETURNING === '1';
const root = process.cwd();

const folders = process.argv.slice(2, 4);
if (folders.length !== 2 || !folders.every((folder) => existsSync(folder))) {
  console.error('usage: node bench/ab.mjs <folder A> <folder B> (each holding built files to serve instead of dist/\'s)');
  process.exit(2);
}
/** Per variant: file name → its bytes. */
const variants = folders.map((folder) => new Map(readdirSync(folder).filter((name) => name.endsWith('.js')).map((name) => [name, readFileSync(resolve(folder, name))])));

await ours.prepare?.(root);
const server = await startBenchServer([ours]);
const { executablePath, args } = await resolveChromium();
const browser = await chromium.launch({ executablePath, args });
const url = `${server.origin}/bench/page/${ours.id}`;
const isOurs = (path) => path.startsWith('/dist/');

/** One visit pair for a variant: the first visit (banner, then accept) and, if asked, the returning visit. */
async function measure(files) {
  // The bench's own visit set-up; this route, added after its tracker route, answers our files first.
  const { context, page, cdp } = await open(browser, ours, { id: `${CPU}`, cpu: CPU, rttMs: 0 });
  try {
    await context.route(/\/dist\/.+\.js$/, (route) => {
      const path = new URL(route.request().url()).pathname;
      const body = files.get(basename(path)) ?? readFileSync(resolve(root, `.${path}`));
      return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body });
    });
    await startProfile(cdp);
    await page.goto(url, { waitUntil: 'commit' });
    if (!(await waitForBanner(page))) throw new Error('the banner did not show');
    const { bannerAt: bannerMs } = await readProbe(page);
    await page.waitForTimeout(SETTLE_MS);
    const first = await stopProfileTimes(cdp, isOurs);
    const row = { bannerMs, ownMs: first.own, busyMs: first.busy };
    if (!RETURNING) return row;

    await page.click(ours.accept);
    await page.waitForFunction(ours.settled, null, { timeout: 10_000, polling: 25 }).catch(() => undefined);
    await page.waitForTimeout(200);
    await startProfile(cdp);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const back = await stopProfileTimes(cdp, isOurs);
    return { ...row, returningTrackerMs: await firstTrackerAt(page), returningBusyMs: back.busy };
  } finally {
    await context.close();
  }
}

const rows = [[], []];
try {
  // As the bench does: the first measured run must not be the one that pays for cold caches.
  await warmUp(browser, url);
  for (let run = 0; run < RUNS; run += 1) {
    for (const index of run % 2 ? [1, 0] : [0, 1]) rows[index].push(await measure(variants[index]));
    console.error(`ab: run ${run + 1}/${RUNS}`);
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (values) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1] : NaN;
};
console.log(`${RUNS} runs each at ${CPU}x CPU, medians in ms; A = ${folders[0]}, B = ${folders[1]}`);
for (const key of Object.keys(rows[0][0] ?? {})) {
  const [a, b] = rows.map((list) => median(list.map((row) => row[key])));
  console.log(`${key.padEnd(20)} A ${a.toFixed(1).padStart(7)}  B ${b.toFixed(1).padStart(7)}  B-A ${(b - a).toFixed(1).padStart(7)}`);
}
