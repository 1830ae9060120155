// Receipts signed by the patient's browser (issue 14), end to end against the real collector on embedded
// PostgreSQL: the SDK signs only once the collector says it takes version 2 (so an SDK upgraded before its
// collector loses nothing), the consent id becomes the browser key's, and a patient's decide / change / withdraw
// history verifies offline with both signatures, the collector's and the browser's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { runCli } from '../../../collector/src/cli.js';
import type { ProofV1 } from '../../../collector/src/proof/export.js';
import { startCollector, type RunningCollector } from '../../../collector/src/start.js';
import { chromiumForRunners } from '../../support/chromium.mjs';
import { clinicConfig } from '../../support/configs.js';
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, openGated, test } from '../support/clinic-page.js';
import { openClinic, storedReceipts } from './support.js';

let collector: RunningCollector;
let oldCollector: ReceiptEndpoint;
let dataDir = '';
test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(60_000);
  dataDir = mkdtempSync(join(tmpdir(), 'cc-signed-e2e-'));
  const origin = new URL(baseURL!);
  // The plain-http test below serves the same pages as http://clinic.test (mapped to 127.0.0.1).
  collector = await startCollector({ port: 0, dataDir, siteOrigins: [origin.origin, `http://clinic.test:${origin.port}`] });
  // The test endpoint stands in for a collector from before version 2: GET on it is a 404.
  oldCollector = await startEndpoint();
});
test.afterAll(async () => {
  await oldCollector?.close();
  await collector?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const acknowledged = async (page: Parameters<typeof storedReceipts>[0], n: number) =>
  expect.poll(async () => (await storedReceipts(page)).filter((r) => r.ack).length, { message: `${n} receipt(s) acknowledged`, timeout: 15_000 }).toBe(n);

test('an SDK upgraded before its collector sends unsigned receipts, and signs once the collector takes them', async ({ context }) => {
  const before = await openClinic(context, oldCollector, { siteId: collector.siteId });
  await before.page.evaluate(() => window.ClinicConsent!.acceptAll());
  await acknowledged(before.page, 1);
  const [unsigned] = await storedReceipts(before.page);
  expect(unsigned?.receipt.schema, 'version 1 for a collector that does not list version 2').toBe('clinic-consent/receipt/1');
  expect(unsigned?.rejected, 'nothing refused for good').toBeUndefined();
  expect(await before.page.evaluate(() => window.ClinicConsent!.getState().consentId)).toBe(unsigned?.receipt.consentId);
  await before.page.close();

  // The clinic upgrades its collector: the next decision makes the browser key and moves to its consent id.
  const after = await openClinic(context, null, { siteId: collector.siteId, receiptEndpoint: `${collector.url}/v1/receipts` });
  await after.page.evaluate(() => window.ClinicConsent!.rejectAll());
  await acknowledged(after.page, 2);
  const signed = (await storedReceipts(after.page)).find((r) => r.receipt.id !== unsigned?.receipt.id)!;
  expect(signed.receipt.schema).toBe('clinic-consent/receipt/2');
  expect(signed.rejected).toBeUndefined();
  const consentId = await after.page.evaluate(() => window.ClinicConsent!.getState().consentId);
  expect(consentId, 'the consent id is the key\'s now').toBe(signed.receipt.consentId);
  expect(consentId).toMatch(/^k-[A-Za-z0-9_-]{43}$/);
  expect(after.errors).toEqual([]);
});

test('a patient decides, changes and withdraws; the proof verifies offline with both signatures', async ({ context }) => {
  const { page, errors } = await openClinic(context, null, { siteId: collector.siteId, receiptEndpoint: `${collector.url}/v1/receipts` });
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await acknowledged(page, 1);
  await page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
  await acknowledged(page, 2);
  await page.evaluate(() => window.ClinicConsent!.withdraw());
  await acknowledged(page, 3);
  const consentId = (await page.evaluate(() => window.ClinicConsent!.getState().consentId))!;
  expect(consentId).toMatch(/^k-/);

  const extractable = await page.evaluate(
    () =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('cc-clinic-receipts');
        open.onsuccess = () => {
          const request = open.result.transaction('records').objectStore('records').get('device-key');
          request.onsuccess = () => resolve((request.result as CryptoKeyPair).privateKey.extractable);
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  expect(extractable, 'the private key cannot leave the browser').toBe(false);

  const proofResponse = await fetch(`${collector.url}/v1/sites/${collector.siteId}/consents/${consentId}`, { headers: { authorization: `Bearer ${collector.adminLogin}` } });
  expect(proofResponse.status).toBe(200);
  const proof = (await proofResponse.json()) as ProofV1;
  expect(proof.receipts.map((r) => r.receipt.method)).toEqual(['accept-all', 'preferences', 'withdraw']);
  expect(proof.receipts.map((r) => r.chainStatus)).toEqual(['ok', 'ok', 'ok']);
  const proofFile = join(dataDir, 'proof.json');
  const keysFile = join(dataDir, 'keys.json');
  writeFileSync(proofFile, JSON.stringify(proof));
  writeFileSync(keysFile, await (await fetch(collector.publicKeyUrl)).text());
  const lines: string[] = [];
  const code = await runCli(['verify', proofFile, '--keys', keysFile], (l) => lines.push(l), (l) => lines.push(l));
  expect(code, lines.join('\n')).toBe(0);
  expect(lines.filter((l) => l.includes("collector ack ok  signed by the patient's browser key ok")), lines.join('\n')).toHaveLength(3);
  expect(errors).toEqual([]);
});

test('a plain-http page, which has no Web Crypto, sends unsigned receipts the proof marks as such', async ({ baseURL }) => {
  const runner = chromiumForRunners();
  const browser = await chromium.launch({ executablePath: runner.executablePath, args: [...runner.args, '--host-resolver-rules=MAP clinic.test 127.0.0.1'] });
  try {
    const context = await browser.newContext({ baseURL: baseURL!.replace('127.0.0.1', 'clinic.test') });
    const { page, errors } = await openGated(context, clinicConfig({ siteId: collector.siteId, receiptEndpoint: `${collector.url}/v1/receipts` }));
    expect(await page.evaluate(() => Boolean(crypto.subtle)), 'no Web Crypto here').toBe(false);
    await page.evaluate(() => window.ClinicConsent!.acceptAll());
    await acknowledged(page, 1);
    const [stored] = await storedReceipts(page);
    expect(stored?.receipt.schema, 'unsigned although the collector takes signed receipts').toBe('clinic-consent/receipt/1');
    const consentId = stored!.receipt.consentId;
    const proof = (await (await fetch(`${collector.url}/v1/sites/${collector.siteId}/consents/${consentId}`, { headers: { authorization: `Bearer ${collector.adminLogin}` } })).json()) as ProofV1;
    expect(proof.receipts.map((r) => r.browserSignature)).toEqual(['not signed (no browser key)']);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
