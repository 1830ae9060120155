// A clinic site on plain http (http://clinic.test, mapped to 127.0.0.1; 127.0.0.1 itself counts as
// secure): no crypto.subtle, crypto.randomUUID or navigator.locks, yet receipts hash the same bytes,
// two tabs still never fork a chain, and everything is acknowledged.
import { chromium, type Browser } from '@playwright/test';
import { chromiumForRunners } from '../../support/chromium.mjs';
import { clinicConfig } from '../../support/configs.js';
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { openGated } from '../support/clinic-page.js';
import { storedReceipts } from './support.js';

let endpoint: ReceiptEndpoint;
let browser: Browser;
test.beforeEach(async () => {
  endpoint = await startEndpoint();
  const runner = chromiumForRunners();
  browser = await chromium.launch({ executablePath: runner.executablePath, args: [...runner.args, '--host-resolver-rules=MAP clinic.test 127.0.0.1'] });
});
test.afterEach(async () => {
  await browser.close();
  await endpoint.close();
});

test('on a plain-http origin the fallbacks build, chain and deliver receipts the endpoint accepts', async ({ baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL!.replace('127.0.0.1', 'clinic.test') });
  const config = clinicConfig({ receiptEndpoint: endpoint.url });
  const a = await openGated(context, config);
  expect(
    await a.page.evaluate(() => ({ secure: isSecureContext, subtle: Boolean(crypto.subtle), uuid: typeof crypto.randomUUID, locks: 'locks' in navigator })),
    'none of the secure-context APIs exist here',
  ).toEqual({ secure: false, subtle: false, uuid: 'undefined', locks: false });

  await a.page.evaluate(() => window.ClinicConsent!.acceptAll());
  const b = await openGated(context, config);
  const burst = async (method: 'rejectAll' | 'acceptAll') => {
    for (let i = 0; i < 10; i++) await window.ClinicConsent![method]();
  };
  await Promise.all([a.page.evaluate(burst, 'rejectAll' as const), b.page.evaluate(burst, 'acceptAll' as const)]);

  // The endpoint re-hashes each receipt with Node's SHA-256 and refuses any mismatch.
  await expect.poll(() => endpoint.receipts.size, { message: 'all 21 accepted', timeout: 20_000 }).toBe(21);
  expect(endpoint.posts.filter((post) => post.outcome === 'invalid'), 'none refused').toEqual([]);
  const consentId = await a.page.evaluate(() => window.ClinicConsent!.getState().consentId);
  expect(endpoint.chain(consentId!), 'the IndexedDB compare-and-swap kept one chain without Web Locks').toHaveLength(21);
  for (const { receipt } of endpoint.receipts.values()) expect(receipt.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  await expect.poll(async () => (await storedReceipts(b.page)).filter((entry) => entry.ack).length, { message: 'every ack kept' }).toBe(21);
  expect([...a.errors, ...b.errors]).toEqual([]);
  await context.close();
});
