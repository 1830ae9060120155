// Delivery: every decision made in a tab becomes a receipt that reaches the endpoint once and is
// removed from the outbox only when acknowledged, through offline spells, 500s, slow answers,
// a tab closed mid-send and a reload with a full outbox.
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { chainAt, openClinic, outbox, storedReceipts } from './support.js';

let endpoint: ReceiptEndpoint;
test.beforeEach(async () => {
  endpoint = await startEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

test('a decision reaches the endpoint as text/plain without a preflight, and its ack is kept verbatim', async ({ context }) => {
  const { page, errors } = await openClinic(context, endpoint);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expect.poll(() => endpoint.receipts.size, { message: 'receipts stored at the endpoint' }).toBe(1);
  await expect.poll(async () => (await outbox(page)).filter((entry) => entry.kind === 'receipt').length, { message: 'receipts left in the outbox' }).toBe(0);
  const [kept] = await storedReceipts(page);
  const [sent] = endpoint.receipts.values();
  expect(kept!.ack, 'the ack as the endpoint sent it').toEqual(sent!.ack);
  expect(kept!.receipt).toMatchObject({ method: 'accept-all', prev: null, categories: { analytics: { granted: true }, marketing: { granted: true } } });
  expect(endpoint.posts.every((post) => post.contentType.startsWith('text/plain')), 'bodies are text/plain').toBe(true);
  expect(endpoint.preflights, 'no CORS preflight').toBe(0);
  expect(await chainAt(endpoint, page)).toHaveLength(1);
  expect(errors).toEqual([]);
});
