// Banner impressions (one per banner display per tab session, no consent id), what a receipt does
// not carry (user agent, address, any id but the consent id), and IndexedDB unavailable.
import type { Page } from '@playwright/test';
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

const banner = (page: Page) => page.locator('clinic-consent [part~="banner"]');

test('the banner counts one impression per tab session, carrying no consent id', async ({ context }) => {
  const first = await openClinic(context, endpoint);
  await expect(banner(first.page)).toBeVisible();
  await expect.poll(() => endpoint.impressions.size, { message: 'the first display' }).toBe(1);
  const second = await openClinic(context, endpoint);
  await expect(banner(second.page)).toBeVisible();
  await expect.poll(() => endpoint.impressions.size, { message: 'another tab is another session' }).toBe(2);

  await first.page.reload();
  await expect(banner(first.page)).toBeVisible();
  // Sent oldest first: once this decision's receipt has arrived, a third impression would have too.
  await first.page.evaluate(() => window.ClinicConsent!.rejectAll());
  await expect.poll(() => endpoint.receipts.size).toBe(1);
  expect(endpoint.impressions.size, 'a reload in the same tab session adds none').toBe(2);

  const [impression] = endpoint.impressions.values();
  expect(Object.keys(impression!).sort()).toEqual(['consentVersion', 'day', 'deviceClass', 'id', 'locale', 'policyVersion', 'schema', 'sdkVersion', 'siteId']);
  expect(impression).toMatchObject({ siteId: 'cellreand', deviceClass: 'desktop', locale: 'en', day: new Date().toISOString().slice(0, 10) });
});

test.describe('privacy', () => {
  test.use({ userAgent: 'Mozilla/5.0 (SentinelOS) SentinelBrowser/9.9', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a receipt holds no user agent, address or identifier beyond the consent id, and a phone is only "mobile"', async ({ context }) => {
    const { page } = await openClinic(context, endpoint);
    await page.evaluate(() => window.ClinicConsent!.acceptAll());
    await expect.poll(() => endpoint.receipts.size).toBe(1);
    const receipt = [...endpoint.receipts.values()][0]!.receipt;
    // The policy URL names the clinic's own host; everything else is the SDK's to answer for.
    const text = JSON.stringify({ ...receipt, policy: null });
    expect(text).not.toContain('Sentinel');
    expect(text, 'no IP address').not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
    expect(receipt.deviceClass).toBe('mobile');
    const ids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    expect(new Set(ids), 'the only ids: the receipt id and the consent id').toEqual(new Set([receipt.id, receipt.consentId]));
  });
});

test('without IndexedDB, receipts are sent at once from memory and the console says retry is off', async ({ context }) => {
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  const { page, errors, console } = await openClinic(context, endpoint);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expect.poll(() => endpoint.receipts.size).toBe(1);
  expect(console.filter((line) => line.includes('CC_ERR_RECEIPTS_MEMORY'))).toEqual([
    '[clinic-consent] CC_ERR_RECEIPTS_MEMORY: IndexedDB unavailable for receipts: receipts are sent at once from memory, with no retry after this page closes',
  ]);
  await expect.poll(() => page.evaluate(() => window.ClinicConsent!.receipts.history()), { message: 'the history still shows this page\'s decision' }).toMatchObject({
    persistent: false,
    intact: true,
    entries: [{ method: 'accept-all', status: 'acknowledged' }],
  });
  expect(errors).toEqual([]);
});
