// A clinic that puts the SDK on a site before registering its origin at the collector (or registers
// it a day late) loses nothing: the collector's 403 is readable by the page, the SDK says on the
// console which command fixes it, and the receipts wait in the outbox until the origin is registered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../collector/src/cli.js';
import { startCollector, type RunningCollector } from '../../../collector/src/start.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic, outbox, storedReceipts } from './support.js';

let collector: RunningCollector;
let dataDir = '';
test.beforeAll(async () => {
  test.setTimeout(60_000);
  dataDir = mkdtempSync(join(tmpdir(), 'cc-unregistered-e2e-'));
  // The demo site exists, but for another origin only.
  collector = await startCollector({ port: 0, dataDir, siteOrigins: ['https://other-clinic.example'] });
});
test.afterAll(async () => {
  await collector?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The collector's CLI, as the clinic would run it beside the running collector. */
async function cli(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const previous = process.env['DATA_DIR'];
  process.env['DATA_DIR'] = dataDir;
  try {
    expect(await runCli(args, (line) => lines.push(line), (line) => lines.push(line))).toBe(0);
  } finally {
    if (previous === undefined) delete process.env['DATA_DIR'];
    else process.env['DATA_DIR'] = previous;
  }
  return lines;
}

for (const { name, siteId, code, fix } of [
  { name: 'an origin not registered for the site', siteId: 'demo-clinic', code: 'CC_ERR_ORIGIN', fix: 'site add-origin demo-clinic --origin' },
  { name: 'a site not registered at all', siteId: 'late-clinic', code: 'CC_ERR_SITE_UNKNOWN', fix: 'site add late-clinic --origin' },
]) {
  test(`${name}: the SDK names the fix, keeps the receipt, and sends it once registered`, async ({ context, baseURL }) => {
    test.setTimeout(60_000);
    const origin = new URL(baseURL!).origin;
    const { page, errors, console: lines } = await openClinic(context, null, { siteId, receiptEndpoint: `${collector.url}/v1/receipts` });
    await page.evaluate(() => window.ClinicConsent!.acceptAll());

    const expected = `CC_ERR_RECEIPT_UNREGISTERED: the collector does not accept receipts: for site "${siteId}" from ${origin} (${code})`;
    await expect.poll(() => lines.find((line) => line.includes('CC_ERR_RECEIPT_UNREGISTERED')), { timeout: 15_000 }).toContain(expected);
    // The banner's impression is refused the same way and may say so first: wait for the receipt's own refusal.
    const tried = async () => (await outbox(page)).find((entry) => entry.kind === 'receipt')?.attempts ?? 0;
    await expect.poll(tried, { message: 'the receipt was sent and refused', timeout: 15_000 }).toBeGreaterThan(0);
    const line = lines.find((entry) => entry.includes('CC_ERR_RECEIPT_UNREGISTERED'))!;
    expect(line).toContain(`Fix: npx clinic-consent-collector ${fix} ${origin}`);
    expect(lines.filter((entry) => entry.includes('CC_ERR_RECEIPT_REFUSED')), 'not refused as final').toEqual([]);
    const [kept] = await storedReceipts(page);
    expect(kept?.ack, 'not acknowledged').toBeUndefined();
    expect(kept?.rejected, 'not marked refused').toBeUndefined();
    expect((await outbox(page)).map((entry) => entry.id)).toContain(kept!.receipt.id);

    // The clinic runs the command the console named.
    await cli(...fix.split(' '), origin);
    // The collector's site cache lives 5 s; the next visit (or the next retry) delivers the receipt.
    await page.waitForTimeout(5_500);
    await page.reload();
    await expect.poll(async () => (await storedReceipts(page))[0]?.ack, { message: 'acknowledged after registration', timeout: 20_000 }).toBeTruthy();
    expect((await storedReceipts(page))[0]).toMatchObject({ chainStatus: 'ok' });
    expect(await outbox(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
