// Global Privacy Control: the browser's "do not sell or share" signal is honoured as a recorded
// refusal of marketing; Accept all leaves marketing off, and only an explicit switch turns it on.
import type { BrowserContext } from '@playwright/test';
import { clinicConfig } from '../../support/configs.js';
import { expect, expectRuns, openGated, state, test } from '../support/clinic-page.js';

const sendGpc = (context: BrowserContext) =>
  context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));

test('records a marketing refusal, keeps asking about analytics, and Accept all leaves marketing off', async ({ context }) => {
  await sendGpc(context);
  const { page } = await openGated(context, clinicConfig());
  expect(await state(page)).toMatchObject({ gpc: true, method: 'gpc', pending: ['analytics'], categories: { analytics: false, marketing: false } });
  await expect(page.locator('clinic-consent [part~="banner"]')).toBeVisible();

  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expectRuns(page, ['page-own', 'analytics-inline-1', 'analytics-external', 'analytics-inline-2']);
  expect(await state(page)).toMatchObject({ decided: true, categories: { analytics: true, marketing: false } });
});

test('an explicit marketing grant wins over the signal and stays on the next visit', async ({ context }) => {
  await sendGpc(context);
  const first = await openGated(context, clinicConfig());
  await first.page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics', 'marketing'] }));
  const second = await openGated(context, clinicConfig());
  expect(await state(second.page)).toMatchObject({ method: 'preferences', categories: { marketing: true } });
});

test('a clinic can choose not to apply the signal', async ({ context }) => {
  await sendGpc(context);
  const { page } = await openGated(context, clinicConfig({ globalPrivacyControl: false }));
  expect(await state(page)).toMatchObject({ gpc: false, method: null, pending: ['analytics', 'marketing'] });
});
