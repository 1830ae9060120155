// Nothing lost, nothing twice: receipts survive an offline spell, 500s, slow answers, a tab closed
// mid-send and a reload with a full outbox, and leave the outbox only once acknowledged.
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { chainAt, openClinic, outbox, storedReceipts } from './support.js';
import { chunkFolder } from '../../../scripts/chunk-folder.mjs';

let endpoint: ReceiptEndpoint;
test.beforeEach(async () => {
  endpoint = await startEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

const receiptsIn = async (page: Parameters<typeof outbox>[0]) => (await outbox(page)).filter((entry) => entry.kind === 'receipt');
const stored = (outcome: string) => endpoint.posts.filter((post) => post.kind === 'receipt' && post.outcome === outcome).length;

test('offline, the receipt waits in the outbox; back online, it is sent and acknowledged', async ({ context }) => {
  const { page, errors } = await openClinic(context, endpoint);
  // The receipts code arrives before the network goes (a decision made before it arrives is the next test):
  // reading the history fetches it, as opening the preference center does.
  await page.evaluate(() => window.ClinicConsent!.receipts.history());
  await expect.poll(() => page.evaluate((path) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(path)), `/${chunkFolder}/parts/receipts.js`)).toBe(true);
  await context.setOffline(true);
  await page.evaluate(() => window.ClinicConsent!.rejectAll());
  await expect.poll(async () => (await receiptsIn(page))[0]?.attempts ?? 0, { message: 'a failed attempt is recorded in the outbox' }).toBeGreaterThan(0);
  expect(endpoint.receipts.size, 'nothing reached the endpoint while offline').toBe(0);

  await context.setOffline(false);
  await expect.poll(() => endpoint.receipts.size, { message: 'sent once back online' }).toBe(1);
  await expect.poll(async () => (await receiptsIn(page)).length, { message: 'removed from the outbox once acknowledged' }).toBe(0);
  expect((await storedReceipts(page))[0]!.ack?.receiptId).toBe([...endpoint.receipts.keys()][0]);
  expect(errors).toEqual([]);
});

test('a decision made before the receipts code could be fetched is kept and sent once it arrives', async ({ context }) => {
  // The chunk cannot be fetched (offline at just that moment): the decision must wait in memory, not be dropped.
  const receiptsCode = new RegExp(`/${chunkFolder.replace(/\./g, '\\.')}/parts/receipts\\.js(\\?.*)?$`);
  await context.route(receiptsCode, (route) => route.abort('internetdisconnected'));
  const { page, errors } = await openClinic(context, endpoint);
  await page.evaluate(() => window.ClinicConsent!.rejectAll());
  await page.waitForTimeout(300);
  expect(endpoint.receipts.size, 'nothing could be built yet').toBe(0);

  await context.unroute(receiptsCode);
  await context.setOffline(true);
  await context.setOffline(false);
  await expect.poll(() => endpoint.receipts.size, { message: 'built and sent once the code arrived' }).toBe(1);
  expect([...endpoint.receipts.values()][0]?.receipt.method, 'the receipt of the decision made while the code was missing').toBe('reject-all');
  expect(stored('stored'), 'stored once').toBe(1);
  expect(errors).toEqual([]);
});

test('after two 500s the third attempt succeeds; the receipt is stored once', async ({ context }) => {
  let failures = 2;
  endpoint.fault = ({ kind }) => (kind === 'receipt' && failures-- > 0 ? { status: 500 } : undefined);
  const { page } = await openClinic(context, endpoint);
  await page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
  await expect.poll(() => endpoint.receipts.size, { message: 'stored after the retries', timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await receiptsIn(page)).length).toBe(0);
  expect(stored('faulted'), 'two attempts answered 500').toBe(2);
  expect(stored('stored'), 'one stored').toBe(1);
  expect((await storedReceipts(page))[0]!.ack, 'acknowledged').toBeDefined();
});

test('a slow answer holds up neither the next decision nor its receipt', async ({ context }) => {
  let slow = true;
  endpoint.fault = ({ kind }) => (kind === 'receipt' && slow ? ((slow = false), { delayMs: 3000 }) : undefined);
  const { page } = await openClinic(context, endpoint);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await page.evaluate(() => window.ClinicConsent!.withdraw());
  await expect.poll(async () => (await storedReceipts(page)).length, { message: 'both kept at once, the first still in flight' }).toBe(2);
  expect(endpoint.receipts.size, 'the first answer is still on its way').toBeLessThan(2);
  await expect.poll(() => endpoint.receipts.size, { timeout: 15_000 }).toBe(2);
  expect((await chainAt(endpoint, page)).map((receipt) => receipt.method)).toEqual(['accept-all', 'withdraw']);
  await expect.poll(async () => (await storedReceipts(page)).every((entry) => entry.ack)).toBe(true);
});

test('a tab closed mid-send: the receipt arrives by beacon, the next visit collects its ack, and it is stored once', async ({ context }) => {
  // Every fetch of the open page fails; only a beacon (no-cors) gets through.
  endpoint.fault = ({ kind, mode }) => (kind === 'receipt' && mode === 'cors' ? { status: 503 } : undefined);
  const first = await openClinic(context, endpoint);
  await first.page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expect.poll(async () => (await receiptsIn(first.page))[0]?.attempts ?? 0, { message: 'the first attempt failed', intervals: [20] }).toBeGreaterThan(0);
  expect(endpoint.receipts.size, 'nothing stored while the tab was open').toBe(0);
  // Closed while the receipt waits for its retry, with nothing in flight.
  await first.page.close({ runBeforeUnload: true });

  await expect.poll(() => endpoint.receipts.size, { message: 'the beacon delivered it as the tab closed' }).toBe(1);
  expect(endpoint.posts.find((post) => post.outcome === 'stored' && post.kind === 'receipt')?.mode, 'stored from the beacon').toBe('no-cors');
  endpoint.fault = () => undefined;
  const next = await openClinic(context, endpoint);
  await expect.poll(async () => (await receiptsIn(next.page)).length, { message: 'the next visit collects the ack and empties the outbox' }).toBe(0);
  expect((await storedReceipts(next.page))[0]!.ack).toEqual([...endpoint.receipts.values()][0]!.ack);
  expect(endpoint.receipts.size, 'stored once').toBe(1);
});

test('a reload with a full outbox sends it from the loader, before any new decision', async ({ context }) => {
  endpoint.down = true;
  const { page } = await openClinic(context, endpoint);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await page.evaluate(() => window.ClinicConsent!.rejectAll());
  await expect.poll(async () => (await receiptsIn(page)).length, { message: 'both wait in the outbox' }).toBe(2);
  await page.close();

  endpoint.down = false;
  const again = await openClinic(context, endpoint);
  await expect.poll(() => endpoint.receipts.size, { message: 'sent by the next page load' }).toBe(2);
  await expect.poll(async () => (await receiptsIn(again.page)).length).toBe(0);
  expect((await chainAt(endpoint, again.page)).map((receipt) => receipt.method)).toEqual(['accept-all', 'reject-all']);
});
