// Vendor snippets pasted as-is (GA4, GTM, Meta pixel with its <noscript> image, Naver, Kakao,
// Clarity, Hotjar, TikTok) plus the clinic's own code reaching trackers directly, against the built
// loader. Every tracker host goes to a local stand-in and every request is counted.
//
// Chromium's preload scanner requests the `<script src>` written in the HTML before any script can
// act; those file fetches are counted apart ("preload") and must never execute.
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import type { ClinicConsentApi } from '../../../src/api.js';
import { expect, test } from '@playwright/test';
import { gateSnippets } from '../../../scripts/gate-snippets.mjs';
import { createMatcher } from '../../../src/blockers/guards/match.js';
import { catalogEntries } from '../../../src/blockers/trackers.js';
import { routeTrackers, trackerCookies } from './support/trackers.js';
import type { TrackerLog } from './support/trackers.js';

const PAGE = '/test/e2e/tracking/pages/snippets.html';
const BOOKING = '/test/e2e/tracking/pages/booking/';
const GATED = '/test/e2e/tracking/pages/gated/';
const RELOADING = '/test/e2e/tracking/pages/reload-on-withdraw/';
/** The `<script src>` tags written in the HTML: the only requests no script can stop. */
const PRELOADED = ['google-analytics', 'naver-analytics', 'kakao-pixel'];
const ANALYTICS = ['google-analytics', 'google-tag-manager', 'naver-analytics', 'naver-analytics:wcs_do', 'microsoft-clarity', 'hotjar'];
const MARKETING = ['meta-pixel', 'kakao-pixel', 'kakao-pixel:pageView', 'tiktok-pixel', 'x-pixel'];
// Held scripts run one after another, each fetched through the test's router: allow a busy machine.
const RUN_TIMEOUT = 15_000;
/** Everything at once runs in the page's order. */
const PAGE_ORDER = ['google-analytics', 'google-tag-manager', 'meta-pixel', 'naver-analytics', 'naver-analytics:wcs_do', 'kakao-pixel', 'kakao-pixel:pageView', 'microsoft-clarity', 'hotjar', 'tiktok-pixel', 'x-pixel'];

declare global {
  interface Window {
    ran: string[];
    trackerRuns?: string[];
  }
}

interface Opened {
  page: Page;
  errors: string[];
}

async function open(context: BrowserContext, path = PAGE): Promise<Opened> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(path);
  await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).ready);
  return { page, errors };
}

const runs = (page: Page) => page.evaluate(() => window.trackerRuns ?? []);
const own = (page: Page) => page.evaluate(() => window.ran ?? []);

/** Lets the page settle: its own fetch answered and every load event fired. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => own(page), { message: "the page's own script and fetch ran", timeout: RUN_TIMEOUT }).toEqual(['page-own', 'own-fetch:3']);
  await page.waitForLoadState('load');
}

async function expectNothingTracked(page: Page, log: TrackerLog, when: string): Promise<void> {
  expect(await runs(page), `${when}: tracker scripts executed`).toEqual([]);
  expect(log.data().map((request) => request.url), `${when}: tracker data requests`).toEqual([]);
  expect(await trackerCookies(page.context()), `${when}: tracker cookies`).toEqual([]);
  const preload = log.scripts();
  expect([...new Set(preload.map((request) => request.service))].sort(), `${when}: only the preload scanner fetched tracker files`).toEqual([...PRELOADED].sort());
  console.log(`${when}: 0 executed, 0 data requests, 0 cookies; ${preload.length} tracker files fetched by the preload scanner (${preload.map((request) => new URL(request.url).pathname).join(', ')}), none executed`);
}

test.describe('snippets pasted as-is', () => {
  let log: TrackerLog;

  test.beforeEach(async ({ context }) => {
    log = await routeTrackers(context);
    // The sensitive path serves the same page, as a booking page would carry the same template.
    const template = await readFile(new URL('./pages/snippets.html', import.meta.url), 'utf8');
    await context.route(`**${BOOKING}`, (route) => route.fulfill({ contentType: 'text/html', body: template }));
    await context.route(`**${RELOADING}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: template.replace('"sessionReplay": "masked"', '"sessionReplay": "masked", "reloadOnWithdraw": true') }),
    );
    // The same template after `npm run gate-snippets`.
    await context.route(`**${GATED}`, (route) => route.fulfill({ contentType: 'text/html', body: gateSnippets(template, createMatcher(catalogEntries())).html }));
  });

  test('nothing tracks before a choice, nor after reject; the page itself is untouched', async ({ context }) => {
    const { page, errors } = await open(context);
    await settled(page);
    await expectNothingTracked(page, log, 'before any choice');
    expect(await page.evaluate(() => document.cookie), 'the page\'s own cookie').toContain('clinic_lang=ko');

    log.reset();
    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).rejectAll());
    await expect.poll(() => page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).getState().decided)).toBe(true);
    expect(await runs(page), 'after reject: tracker scripts executed').toEqual([]);
    expect(log.requests, 'after reject: tracker requests').toEqual([]);

    log.reset();
    await page.reload();
    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).ready);
    await settled(page);
    await expectNothingTracked(page, log, 'after reject, next page view');
    expect(errors, 'no error reached the page').toEqual([]);
  });

  test('each tracker runs once its category is accepted, in page order, without a reload', async ({ context }) => {
    const { page, errors } = await open(context);
    await settled(page);
    log.reset();

    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).accept({ categories: ['analytics'] }));
    await expect.poll(() => runs(page), { message: 'analytics trackers in page order', timeout: RUN_TIMEOUT }).toEqual(ANALYTICS);
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-clarity-mask')), 'replay text masked').toBe('true');
    const analyticsData = log.data();
    expect(analyticsData.length, 'analytics trackers send data').toBeGreaterThan(0);
    expect(new Set(analyticsData.map((request) => request.service)), 'no marketing data yet').not.toContain('meta-pixel');
    expect(await trackerCookies(context)).toEqual(expect.arrayContaining(['_ga', '_clck', 'wcs_bt']));
    expect(await trackerCookies(context)).not.toContain('_fbp');

    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).acceptAll());
    await expect.poll(() => runs(page), { message: 'marketing trackers follow, in page order', timeout: RUN_TIMEOUT }).toEqual([...ANALYTICS, ...MARKETING]);
    await expect.poll(() => trackerCookies(context), { timeout: RUN_TIMEOUT }).toEqual(expect.arrayContaining(['_fbp', '_ttp', '_twclid']));
    console.log(`after accept: ${(await runs(page)).length} tracker runs, ${log.data().length} data requests, cookies ${(await trackerCookies(context)).join(' ')}`);
    expect(await own(page)).toEqual(['page-own', 'own-fetch:3']);
    expect(errors, 'no error reached the page (Kakao\'s inline call waited for kp.js)').toEqual([]);
  });

  test('after a withdrawal the cookies are gone and running trackers stay silent for 10 s in both open tabs', async ({ context }) => {
    test.setTimeout(90_000);
    const first = await open(context);
    const second = await open(context);
    await first.page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).acceptAll());
    for (const { page } of [first, second]) {
      await expect.poll(() => runs(page), { message: 'trackers running in each tab, in page order', timeout: RUN_TIMEOUT }).toEqual(PAGE_ORDER);
    }
    await expect.poll(() => trackerCookies(context), { timeout: RUN_TIMEOUT }).toEqual(expect.arrayContaining(['_ga', '_fbp']));

    await first.page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).withdraw());
    await expect.poll(() => second.page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).isGranted('analytics') || (window.ClinicConsent as ClinicConsentApi).isGranted('marketing')), { message: 'the other tab follows', timeout: RUN_TIMEOUT }).toBe(false);
    log.reset();
    await expect.poll(() => trackerCookies(context), { message: 'tracker cookies deleted', timeout: RUN_TIMEOUT }).toEqual([]);

    // The stand-ins beat every second; watch them for the full 10 s the issue asks about.
    const watchedSince = Date.now();
    await first.page.waitForTimeout(10_000);
    expect(Date.now() - watchedSince).toBeGreaterThanOrEqual(10_000);
    expect(log.requests, 'tracker requests from either tab after withdraw').toEqual([]);
    expect(await trackerCookies(context), 'tracker cookies set after withdraw').toEqual([]);
    for (const { page } of [first, second]) {
      expect(await page.evaluate(() => document.cookie)).not.toMatch(/(^|; )(_ga|_fbp|_ttp|_clck|wcs_bt)=/);
    }
    console.log('after withdraw: 0 tracker requests and 0 tracker cookies in 10 s, in both tabs');
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  test('on a sensitive path nothing tracks even after accept, and the page works', async ({ context }) => {
    const { page, errors } = await open(context, BOOKING);
    await settled(page);
    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).acceptAll());
    await expect.poll(() => page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).getState().decided)).toBe(true);
    // Held trackers are released synchronously on the decision, so by now any would have started.
    expect(await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).isGranted('analytics')), 'nothing optional is effective here').toBe(false);
    expect(await runs(page), 'tracker scripts executed on the booking page').toEqual([]);
    expect(log.data(), 'tracker data requests on the booking page').toEqual([]);
    expect(await trackerCookies(context)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the template rewritten by gate-snippets sends no tracker request at all before consent, not even a preload', async ({ context }) => {
    const { page, errors } = await open(context, GATED);
    await settled(page);
    expect(log.requests, 'tracker requests of any kind, preload scanner included').toEqual([]);
    expect(await runs(page)).toEqual([]);
    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).acceptAll());
    await expect.poll(async () => [...(await runs(page))].sort(), { message: 'every tracker runs after accept', timeout: RUN_TIMEOUT }).toEqual([...PAGE_ORDER].sort());
    console.log(`gated template: 0 tracker requests before consent; after accept ${(await runs(page)).length} tracker runs`);
    expect(errors).toEqual([]);
  });

  test('with reloadOnWithdraw, a withdrawal reloads a page whose trackers ran, and the reloaded page tracks nothing', async ({ context }) => {
    const { page, errors } = await open(context, RELOADING);
    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).acceptAll());
    await expect.poll(() => runs(page), { message: 'trackers ran', timeout: RUN_TIMEOUT }).toEqual(PAGE_ORDER);
    // Count from the moment the reloaded document commits: a beat the trackers sent before the withdrawal
    // (they beat every second) may still be logged after it, and is not what this test is about.
    const committed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }).then(() => log.reset());
    const reloaded = page.waitForEvent('load');
    await page.evaluate(() => void (window.ClinicConsent as ClinicConsentApi).withdraw());
    await committed;
    await reloaded;
    await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).ready);
    await settled(page);
    expect(await runs(page), 'tracker scripts after the reload').toEqual([]);
    expect(log.data(), 'tracker data requests after the reload').toEqual([]);
    expect(await trackerCookies(context)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
