// The leak monitor (issue 19): a tracker pixel written in a clinic's markup is fetched by the browser's preload
// scanner before any script can act. The loader sees it in resource timing once the page has loaded, warns in the
// console naming the host and the fix, and sends a leak report (tracker ids and the page's first path segment, or
// on a sensitive page only its rule's index) once per page and day; the collector's dashboard lists it. The page
// with the pixel: test/e2e/pages/leaks/pixel.html; the others are made up per test.
import type { BrowserContext, Page } from '@playwright/test';
import type { LeakReportV1 } from '../../../schema/types.js';
import type { ClinicConsentConfig } from '../../../src/config/types.js';
import { clinicConfig } from '../../support/configs.js';
import { useCollector } from '../receipts/support.js';
import { madeHead, openMade, servePage } from '../security/support.js';
import { expect, openGated, test } from '../support/clinic-page.js';

const PIXEL_URL = 'https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1';
const pixel = `<img src="${PIXEL_URL}" width="1" height="1" alt="">`;
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Meta's pixel host answered locally: no real network. Returns the URLs it was asked for. */
async function routePixel(context: BrowserContext): Promise<string[]> {
  const asked: string[] = [];
  await context.route('https://www.facebook.com/**', (route) => {
    asked.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF });
  });
  return asked;
}

/** A clinic page at `glob` with the loader first in <head>, `before` ahead of it and `body` in the body. */
function serveClinic(context: BrowserContext, glob: string, config: ClinicConsentConfig, body: string, before = ''): Promise<void> {
  return servePage(context, glob, { config, html: `<!doctype html><html lang="en"><head>${before}${madeHead}</head><body><main><h1>Clinic</h1>${body}</main></body></html>` });
}

/**
 * Resolves once the monitor's check has run: idle callbacks run in the order they were queued, and where the
 * page is never idle, this one's deadline comes after the monitor's (5 s after the load).
 */
const afterMonitor = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 6000 })));

const leakWarnings = (console: readonly string[]) => console.filter((line) => line.includes('CC_WARN_TRACKER_LEAK'));
const today = () => new Date().toISOString().slice(0, 10);

test.describe('against the real collector', () => {
  const collectorOf = useCollector();

  test('a markup pixel shows in the console, reaches the collector as a leak report, and is listed on the dashboard', async ({ context }) => {
    const collector = collectorOf();
    await routePixel(context);
    // Served by the test server itself: the collector is on loopback, which a routed page may not reach.
    const sent = context.waitForEvent('request', (request) => request.url() === `${collector.url}/v1/leaks`);
    const { console, errors } = await openGated(
      context,
      clinicConfig({ siteId: collector.siteId, receiptEndpoint: `${collector.url}/v1/receipts`, tracking: { leakPaths: ['/test/e2e/pages/leaks'] } }),
      '/test/e2e/pages/leaks/pixel.html?patient=kim',
    );
    const request = await sent;

    expect(leakWarnings(console)).toEqual(['[clinic-consent] CC_WARN_TRACKER_LEAK: tracker markup loaded before consent; gate it (npm run gate-snippets): www.facebook.com']);
    const report = request.postDataJSON() as LeakReportV1;
    expect(Object.keys(report).sort(), 'nothing but the report').toEqual(['day', 'id', 'path', 'schema', 'siteId', 'trackers']);
    expect(report).toMatchObject({ schema: 'clinic-consent/leak/1', siteId: collector.siteId, day: today(), trackers: ['meta-pixel'], path: '/test/e2e/pages/leaks' });
    expect((await request.allHeaders())['referer'], 'no Referer names the page').toBeUndefined();

    const leaksSection = async () => {
      const dashboard = await fetch(`${collector.dashboardUrl}/sites/${collector.siteId}?lang=en`, { headers: { authorization: `Bearer ${collector.adminLogin}` } });
      const html = await dashboard.text();
      return html.slice(html.indexOf('<section id="leaks">'), html.indexOf('</section>', html.indexOf('<section id="leaks">')));
    };
    await expect.poll(leaksSection, { message: 'the dashboard lists the page and the tracker', timeout: 15_000 }).toMatch(/<tr><td><code>\/test\/e2e\/pages\/leaks<\/code><\/td><td>meta-pixel<\/td>.*still happening/);
    expect(await leaksSection()).toContain('Trackers that load before consent');
    expect(errors).toEqual([]);
  });
});

test.describe('reports, sent to a routed endpoint', () => {
  let reports: LeakReportV1[];
  let pixelRequests: string[];
  test.beforeEach(async ({ context }) => {
    reports = [];
    pixelRequests = await routePixel(context);
    await context.route('**/v1/leaks', (route) => {
      reports.push(route.request().postDataJSON() as LeakReportV1);
      return route.fulfill({ status: 201, contentType: 'application/json', body: '{"stored":true,"duplicate":false}' });
    });
    await context.route('**/v1/impressions', (route) => route.fulfill({ status: 201, contentType: 'application/json', body: '{"stored":true,"duplicate":false}' }));
  });
  const config = (overrides: Partial<ClinicConsentConfig> = {}) => clinicConfig({ receiptEndpoint: '/v1/receipts', ...overrides });

  for (const where of ['before', 'after'] as const) {
    test(`a pixel written ${where} the loader is reported with the page's first path segment only`, async ({ context }) => {
      await serveClinic(context, '**/doctors/**', config(), where === 'after' ? pixel : '', where === 'before' ? pixel : '');
      const { console, errors } = await openMade(context, '/doctors/dr-kim/profile');
      await expect.poll(() => reports.length, { message: 'a leak report' }).toBe(1);
      expect(reports[0]).toMatchObject({ path: '/doctors', trackers: ['meta-pixel'] });
      expect(leakWarnings(console)).toHaveLength(1);
      expect(leakWarnings(console)[0]).toContain('www.facebook.com');
      expect(errors).toEqual([]);
    });
  }

  test('a page whose trackers run with consent reports nothing', async ({ context }) => {
    await serveClinic(context, '**/welcome', config(), '');
    const first = await openMade(context, '/welcome');
    await first.page.evaluate(() => window.ClinicConsent!.acceptAll());
    await first.page.close();
    // Gated markup, released by the gate, and a pixel left ungated: both requested with consent.
    await serveClinic(context, '**/implants/**', config(), `<img data-consent="marketing" data-src="${PIXEL_URL}&gated=1" alt="">${pixel}`);
    const { page, console, errors } = await openMade(context, '/implants/all-on-4');
    await expect.poll(() => pixelRequests.length, { message: 'both pixels were requested' }).toBe(2);
    await afterMonitor(page);
    expect(leakWarnings(console), 'no warning').toEqual([]);
    expect(reports, 'no report').toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the same leak on the same page the same day is reported once', async ({ context }) => {
    await serveClinic(context, '**/implants/**', config(), pixel);
    await serveClinic(context, '**/doctors/**', config(), pixel);
    const first = await openMade(context, '/implants/all-on-4');
    await expect.poll(() => reports.length).toBe(1);
    await first.page.reload();
    const again = await openMade(context, '/implants/prices');
    await afterMonitor(again.page);
    expect(leakWarnings(again.console), 'the console still says it on every view').toHaveLength(1);
    // Another page is reported: by the time it arrives, a second report of the first would have too.
    await openMade(context, '/doctors/dr-kim');
    await expect.poll(() => reports.map((report) => report.path), { message: 'one report per page' }).toEqual(['/implants', '/doctors']);
    expect(new Set(reports.map((report) => report.day))).toEqual(new Set([today()]));
  });

  test('on a sensitive page (Korean, percent-encoded) only the rule index is sent, never the path', async ({ context }) => {
    const booking = `/${encodeURIComponent('예약')}/${encodeURIComponent('김환자')}`;
    await serveClinic(context, `**/${encodeURIComponent('예약')}/**`, config({ tracking: { sensitivePaths: ['/상담', '/예약'] } }), pixel);
    const { console, errors } = await openMade(context, `${booking}?phone=01012345678`);
    await expect.poll(() => reports.length, { message: 'a leak report' }).toBe(1);
    expect(Object.keys(reports[0]!).sort()).toEqual(['day', 'id', 'schema', 'sensitive', 'siteId', 'trackers']);
    expect(reports[0]).toMatchObject({ sensitive: 1, trackers: ['meta-pixel'] });
    const sent = JSON.stringify(reports[0]);
    for (const secret of ['%EC', '예약', '김환자', '0101234']) expect(sent).not.toContain(secret);
    expect(leakWarnings(console)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  for (const [name, forged] of [
    ['garbage', 'reported: yes'],
    ['marks as a string naming the page', { day: today(), marks: 'leak /implants' }],
    ['a list of odd values', { day: today(), marks: [null, 7, { page: '/implants' }] }],
  ] as const) {
    test(`a broken "already reported" record (${name}) is replaced: the report is sent, nothing breaks`, async ({ context }) => {
      await serveClinic(context, '**/welcome', config(), '');
      const blank = await openMade(context, '/welcome');
      await blank.page.evaluate(
        (value) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('cc-clinic-receipts');
            open.onupgradeneeded = () => open.result.createObjectStore('records');
            open.onsuccess = () => {
              const transaction = open.result.transaction('records', 'readwrite');
              transaction.objectStore('records').put(value, 'once');
              transaction.oncomplete = () => (open.result.close(), resolve());
              transaction.onerror = () => reject(transaction.error);
            };
          }),
        forged,
      );
      await serveClinic(context, '**/implants/**', config(), pixel);
      const { page, console, errors } = await openMade(context, '/implants/all-on-4');
      await expect.poll(() => reports.length, { message: 'a leak report' }).toBe(1);
      expect(console.filter((line) => !line.includes('CC_WARN_TRACKER_LEAK')), 'no other console line').toEqual([]);
      expect(errors).toEqual([]);
      const kept = await page.evaluate(
        () =>
          new Promise<unknown>((resolve) => {
            const open = indexedDB.open('cc-clinic-receipts');
            open.onsuccess = () => {
              const request = open.result.transaction('records').objectStore('records').get('once');
              request.onsuccess = () => resolve(request.result);
            };
          }),
      );
      expect(kept, 'a well-formed record took its place').toEqual({ day: today(), marks: ['leak /implants'] });
    });
  }
});
