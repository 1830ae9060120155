// The decision journal (issue 13, defect 6): a decision is written down synchronously when it is
// made, so a patient who clicks "Accept all" and then a link at once, while the receipts code is
// still loading, still leaves a receipt: the next page builds and sends it, once.
import type { Route } from '@playwright/test';
import { chunkFolder } from '../../../scripts/chunk-folder.mjs';
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic } from './support.js';

let endpoint: ReceiptEndpoint;
test.beforeEach(async () => {
  endpoint = await startEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

test('a decision followed by a navigation in the same task gets its receipt on the next page, once', async ({ context }) => {
  // The receipts code takes longer than the patient: it never arrives on the first page.
  const stalled: Route[] = [];
  const receiptsChunk = `**/${chunkFolder}/parts/receipts.js*`;
  await context.route(receiptsChunk, (route) => void stalled.push(route));
  const { page } = await openClinic(context, endpoint);
  await page.evaluate(() => {
    void window.ClinicConsent!.acceptAll();
    location.href = '/test/e2e/pages/foundation/embed.html';
  });
  await page.waitForURL('**/embed.html');
  expect(endpoint.receipts.size, 'nothing could be sent from the first page').toBe(0);
  expect(stalled.length, 'the receipts code was asked for, and held').toBeGreaterThan(0);

  await context.unroute(receiptsChunk);
  await Promise.all(stalled.map((route) => route.abort().catch(() => undefined)));
  const next = await openClinic(context, endpoint);
  await expect.poll(() => endpoint.receipts.size, { message: "the first page's decision arrives from the next" }).toBe(1);
  const receipt = [...endpoint.receipts.values()][0]!.receipt;
  expect(receipt).toMatchObject({ method: 'accept-all', categories: { analytics: { granted: true }, marketing: { granted: true } } });

  // Kept once: later pages do not build it again.
  await next.page.reload();
  await next.page.evaluate(() => window.ClinicConsent!.ready);
  await next.page.evaluate(() => window.ClinicConsent!.receipts.history());
  expect(endpoint.posts.filter((post) => post.kind === 'receipt' && post.outcome === 'stored')).toHaveLength(1);
  expect(endpoint.receipts.size).toBe(1);
});
