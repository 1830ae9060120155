// The receipts code is not on the banner's path, nor before the patient's choice (issue 16): once the banner
// has been painted, only the small impression part is asked for; the receipts chunk comes with a decision,
// which is journaled until the chunk arrives and still leaves exactly one receipt. An impression that
// cannot be sent at once waits for the receipts chunk, and is counted once. The floating button's part
// waits for the choice too (the button hides until then).
import type { Page, Route } from '@playwright/test';
import { chunkFolder } from '../../../scripts/chunk-folder.mjs';
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic } from './support.js';

declare global {
  interface Window {
    bannerAt?: number;
  }
}

const receiptsChunk = `**/${chunkFolder}/parts/receipts.js*`;
const requestedAt = (page: Page, part: string) =>
  page.evaluate((name) => performance.getEntriesByType('resource').find((entry) => entry.name.includes(`/parts/${name}.js`))?.startTime, part);
let endpoint: ReceiptEndpoint;
test.beforeEach(async ({ context }) => {
  endpoint = await startEndpoint();
  // The start of the first frame in which the banner is rendered, visible and opaque (as bench/probe.mjs).
  await context.addInitScript(() => {
    const tick = (frameTime: number) => {
      const banner = document.querySelector('clinic-consent')?.shadowRoot?.querySelector('[part~="banner"]');
      if (banner?.checkVisibility({ opacityProperty: true, visibilityProperty: true })) window.bannerAt = frameTime;
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
});
test.afterEach(async () => {
  await endpoint.close();
});

test('only the impression part is requested after the banner is visible, even when its texts file comes late; the receipts chunk and the floating button not before a choice', async ({ context }) => {
  // The texts file arrives 300 ms after the UI: the banner can only render then (the chunk was once asked for before).
  await context.route(`**/${chunkFolder}/ui/locale-*.js`, async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  const { page, errors } = await openClinic(context, endpoint);
  await expect.poll(() => endpoint.posts.filter((post) => post.kind === 'impression').length, { message: 'the impression still arrives' }).toBe(1);
  const bannerAt = await page.evaluate(() => window.bannerAt);
  const impressionAt = await requestedAt(page, 'impression');
  expect(bannerAt, 'the banner was seen').toBeDefined();
  expect(impressionAt, 'the impression part was requested').toBeDefined();
  expect(impressionAt!).toBeGreaterThanOrEqual(bannerAt!);
  expect(await requestedAt(page, 'receipts'), 'no receipts chunk before a choice').toBeUndefined();
  expect(await requestedAt(page, 'launcher'), "no floating button's part before a choice").toBeUndefined();
  await page.locator('clinic-consent [part~="accept"]').first().click();
  await expect.poll(() => endpoint.receipts.size, { message: 'the decision brings the chunk and its receipt' }).toBe(1);
  await page.locator('clinic-consent [part~="hide"]').click();
  await expect(page.locator('cc-launcher button'), 'the floating button once the confirmation is gone').toBeVisible();
  expect(errors).toEqual([]);
});

test('a decision made while the receipts chunk is still loading yields exactly one receipt', async ({ context }) => {
  const held: Route[] = [];
  await context.route(receiptsChunk, (route) => void held.push(route));
  const { page, errors } = await openClinic(context, endpoint);
  await page.locator('clinic-consent [part~="accept"]').first().click();
  await expect.poll(() => held.length, { message: 'the receipts chunk was asked for with the decision, and held' }).toBeGreaterThan(0);
  expect(endpoint.receipts.size, 'nothing can be sent without the chunk').toBe(0);

  await Promise.all(held.map((route) => route.continue()));
  await context.unroute(receiptsChunk);
  await expect.poll(() => endpoint.receipts.size).toBe(1);
  expect([...endpoint.receipts.values()][0]!.receipt).toMatchObject({ method: 'accept-all' });
  // Not twice: the journal entry was struck once the chunk kept it.
  await page.reload();
  await page.evaluate(() => window.ClinicConsent!.receipts.history());
  expect(endpoint.posts.filter((post) => post.kind === 'receipt' && post.outcome === 'stored')).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('an impression the collector did not get at once is sent by the receipts chunk on the next page, and counted once', async ({ context }) => {
  // The first attempt fails as a network error would; every later one reaches the endpoint.
  let failed = 0;
  await context.route(`${endpoint.url.replace(/receipts$/, 'impressions')}`, async (route: Route) => {
    if (failed++) await route.continue();
    else await route.abort('connectionreset');
  });
  const { page, errors } = await openClinic(context, endpoint);
  await expect.poll(() => failed, { message: 'the impression part tried once' }).toBe(1);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('cc-clinic-impressions')), { message: 'kept in its journal' }).toContain('"schema"');
  expect(await requestedAt(page, 'receipts'), 'no receipts chunk yet').toBeUndefined();

  await page.reload();
  await expect.poll(() => endpoint.impressions.size, { message: 'sent on the next page by the receipts chunk' }).toBe(1);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('cc-clinic-impressions')), { message: 'struck from the journal' }).toBeNull();
  // The same tab session shows the banner again without a second impression.
  await page.reload();
  await page.waitForTimeout(1000);
  expect(endpoint.posts.filter((post) => post.kind === 'impression')).toHaveLength(1);
  expect(endpoint.impressions.size).toBe(1);
  expect(errors).toEqual([]);
});

test('a forged impression journal (odd values another script left in localStorage) costs no decision its receipt', async ({ context }) => {
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('forged')) {
      sessionStorage.setItem('forged', '1');
      localStorage.setItem('cc-clinic-impressions', JSON.stringify([null, 5, 'x', { id: 7 }, { schema: 'clinic-consent/impression/1' }]));
    }
  });
  const { page, errors } = await openClinic(context, endpoint);
  await page.locator('clinic-consent [part~="accept"]').first().click();
  await expect.poll(() => endpoint.receipts.size, { message: 'the decision still has its receipt' }).toBe(1);
  expect([...endpoint.receipts.values()][0]!.receipt).toMatchObject({ method: 'accept-all' });
  await expect.poll(() => page.evaluate(() => localStorage.getItem('cc-clinic-impressions')), { message: 'the odd entries do not stay' }).toBeNull();
  expect(errors).toEqual([]);
});
