// 1,000 decisions against an endpoint that fails a quarter of all requests (500s, connections cut
// before and after storing, slow answers), with an offline spell and a reload in the middle:
// every decision arrives exactly once, in one unbroken chain, and every ack comes home.
import { startEndpoint, type Fault, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic, outbox, storedReceipts } from './support.js';

let endpoint: ReceiptEndpoint;
test.beforeEach(async () => {
  endpoint = await startEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

/** A seeded generator, so a failing run can be replayed exactly. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const decide = async (count: number) => {
  const api = window.ClinicConsent!;
  for (let i = 0; i < count; i++) {
    const step = i % 4;
    if (step === 0) await api.acceptAll();
    else if (step === 1) await api.accept({ categories: ['analytics'] });
    else if (step === 2) await api.rejectAll();
    else await api.withdraw();
  }
};

test('1,000 decisions under injected faults: 0 lost, 0 duplicated at the endpoint', async ({ context }) => {
  test.setTimeout(150_000);
  const random = mulberry32(20261123);
  const injected = { status500: 0, cutBeforeStore: 0, cutAfterStore: 0, slow: 0 };
  endpoint.fault = ({ kind }): Fault | undefined => {
    if (kind !== 'receipt') return undefined;
    const roll = random();
    if (roll < 0.1) return injected.status500++, { status: 500 };
    if (roll < 0.15) return injected.cutBeforeStore++, { drop: 'before-store' };
    if (roll < 0.2) return injected.cutAfterStore++, { drop: 'after-store' };
    if (roll < 0.25) return injected.slow++, { delayMs: 400 };
    return undefined;
  };

  const first = await openClinic(context, endpoint);
  await first.page.evaluate(decide, 400);
  await context.setOffline(true);
  await first.page.evaluate(decide, 100);
  await context.setOffline(false);
  // Receipts are built a moment after each decision; a page unloaded in that moment would lose the
  // newest one (see the README). Wait until all 500 are kept, then reload with them still unsent.
  expect(await first.page.evaluate(() => window.ClinicConsent!.receipts.history().then((history) => history.entries.length))).toBe(500);
  await first.page.reload();
  await first.page.evaluate(() => window.ClinicConsent!.ready);
  await first.page.evaluate(decide, 500);

  await expect.poll(() => endpoint.receipts.size, { message: 'every decision arrived', timeout: 120_000 }).toBe(1000);
  await expect.poll(async () => (await outbox(first.page)).length, { message: 'the outbox empties', timeout: 60_000 }).toBe(0);

  const consentId = await first.page.evaluate(() => window.ClinicConsent!.getState().consentId);
  const chain = endpoint.chain(consentId!);
  const local = await storedReceipts(first.page);
  const stored = endpoint.posts.filter((post) => post.kind === 'receipt' && post.outcome === 'stored').length;
  const resent = endpoint.posts.filter((post) => post.kind === 'receipt' && post.outcome === 'duplicate').length;
  const counts = { decisions: 1000, storedAtEndpoint: stored, uniqueAtEndpoint: endpoint.receipts.size, resendsDeduplicated: resent, ...injected, requests: endpoint.posts.filter((post) => post.kind === 'receipt').length };
  test.info().annotations.push({ type: 'fault-injection', description: JSON.stringify(counts) });
  console.log(`fault injection: ${JSON.stringify(counts)}`);

  expect(stored, 'each receipt stored once: 0 duplicated').toBe(1000);
  expect(chain, '0 lost: one unbroken chain of 1,000, no fork').toHaveLength(1000);
  expect(local, 'kept locally, each with its ack').toHaveLength(1000);
  expect(local.every((entry) => entry.ack && entry.ack.receiptHash === entry.receipt.hash)).toBe(true);
  expect(chain.map((receipt) => receipt.id), 'the endpoint\'s chain is the local order').toEqual(local.map((entry) => entry.receipt.id));
  expect(injected.status500 + injected.cutBeforeStore + injected.cutAfterStore, 'faults were really injected').toBeGreaterThan(150);
  expect(first.errors).toEqual([]);
});
