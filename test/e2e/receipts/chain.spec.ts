// The hash chain: two tabs deciding at once extend one chain and never fork it, and a stored
// receipt edited afterwards is caught in the patient's history and in their download.
import { readFileSync } from 'node:fs';
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic, storedReceipts } from './support.js';

let endpoint: ReceiptEndpoint;
test.beforeEach(async () => {
  endpoint = await startEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

test('two tabs deciding at once extend one chain per consent id, never fork it', async ({ context }) => {
  const a = await openClinic(context, endpoint);
  await a.page.evaluate(() => window.ClinicConsent!.acceptAll());
  const b = await openClinic(context, endpoint);
  const consentId = await a.page.evaluate(() => window.ClinicConsent!.getState().consentId);
  expect(await b.page.evaluate(() => window.ClinicConsent!.getState().consentId), 'both tabs hold the same consent').toBe(consentId);

  const burst = async (method: 'rejectAll' | 'acceptAll') => {
    for (let i = 0; i < 10; i++) await window.ClinicConsent![method]();
  };
  await Promise.all([a.page.evaluate(burst, 'rejectAll' as const), b.page.evaluate(burst, 'acceptAll' as const)]);

  await expect.poll(() => endpoint.receipts.size, { message: 'every decision of both tabs arrived', timeout: 20_000 }).toBe(21);
  const chain = endpoint.chain(consentId!);
  expect(chain, 'one unbroken chain, no fork').toHaveLength(21);
  expect(chain.filter((receipt) => receipt.method === 'reject-all')).toHaveLength(10);
  expect(await storedReceipts(b.page), 'both tabs keep the same local chain').toHaveLength(21);
  expect(await b.page.evaluate(() => window.ClinicConsent!.receipts.history().then((history) => history.intact))).toBe(true);
  expect([...a.errors, ...b.errors]).toEqual([]);
});

test('an edited local receipt breaks the chain: the history says so and the download names it', async ({ context }) => {
  const { page } = await openClinic(context, null);
  await page.evaluate(async () => {
    await window.ClinicConsent!.acceptAll();
    await window.ClinicConsent!.rejectAll();
    await window.ClinicConsent!.accept({ categories: ['analytics'] });
  });
  await expect.poll(async () => (await storedReceipts(page)).length).toBe(3);
  const before = await page.evaluate(() => window.ClinicConsent!.receipts.history());
  expect(before.intact).toBe(true);
  expect(before.entries.map((entry) => [entry.method, entry.status, entry.categories.marketing])).toEqual([
    ['preferences', 'local', false],
    ['reject-all', 'local', false],
    ['accept-all', 'local', true],
  ]);

  // Someone turns the refusal into a grant in the stored copy.
  const edited = (await storedReceipts(page))[1]!;
  await page.evaluate(
    (stored) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('cc-clinic-receipts');
        open.onsuccess = () => {
          const tx = open.result.transaction('records', 'readwrite');
          const receipt = { ...stored.receipt, categories: { ...stored.receipt.categories, marketing: { granted: true, purpose: stored.receipt.categories.marketing!.purpose } } };
          tx.objectStore('records').put({ ...stored, receipt }, `r:${stored.receipt.id}`);
          tx.oncomplete = () => resolve(open.result.close());
          tx.onerror = () => reject(tx.error);
        };
      }),
    edited,
  );
  expect(await page.evaluate(() => window.ClinicConsent!.receipts.history().then((history) => history.intact)), 'the edit is detected').toBe(false);

  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.ClinicConsent!.receipts.download())]);
  const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { intact: boolean; problems: { receiptId: string; reason: string }[]; receipts: unknown[] };
  expect(download.suggestedFilename()).toMatch(/^consent-receipts-[\w-]+\.json$/);
  expect(saved.intact).toBe(false);
  expect(saved.problems).toEqual([expect.objectContaining({ receiptId: edited.receipt.id, reason: 'hash' })]);
  expect(saved.receipts).toHaveLength(3);
});
