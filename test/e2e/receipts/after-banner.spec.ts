// The receipts code is not on the banner's path (issue 16): its chunk is asked for only once the
// banner has been painted. A decision made before the chunk arrives is journaled and still leaves
// exactly one receipt, and the impression still arrives.
import type { Route } from '@playwright/test';
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

test('the receipts chunk is requested only after the banner is visible, even when its texts file comes late', async ({ context }) => {
  // The texts file arrives 300 ms after the UI: the banner can only render then (the chunk was once asked for before).
  await context.route(`**/${chunkFolder}/ui/locale-*.js`, async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  const { page, errors } = await openClinic(context, endpoint);
  await expect.poll(() => endpoint.posts.filter((post) => post.kind === 'impression').length, { message: 'the impression still arrives' }).toBe(1);
  const { bannerAt, requestedAt } = await page.evaluate(() => ({
    bannerAt: window.bannerAt,
    requestedAt: performance.getEntriesByType('resource').find((entry) => entry.name.includes('/parts/receipts.js'))?.startTime,
  }));
  expect(bannerAt, 'the banner was seen').toBeDefined();
  expect(requestedAt, 'the receipts chunk was requested').toBeDefined();
  expect(requestedAt!).toBeGreaterThanOrEqual(bannerAt!);
  expect(errors).toEqual([]);
});

test('a decision made while the receipts chunk is still loading yields exactly one receipt', async ({ context }) => {
  const held: Route[] = [];
  await context.route(receiptsChunk, (route) => void held.push(route));
  const { page, errors } = await openClinic(context, endpoint);
  await expect.poll(() => held.length, { message: 'the receipts chunk was asked for after the banner, and held' }).toBeGreaterThan(0);
  await page.locator('clinic-consent [part~="accept"]').first().click();
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
