// The stored choice across visits and tabs: a returning visitor is decided at once with no banner
// (and no UI download), either store restores the other, changed versions and expiry ask again,
// and another open tab follows a decision without a reload.
import type { Page } from '@playwright/test';
import { clinicConfig, medisianAds } from '../../support/configs.js';
import { cookieNames, expect, expectRuns, openGated, ran, ready, state, test } from '../support/clinic-page.js';
import { chunkFolder } from '../../../scripts/chunk-folder.mjs';

const analyticsRuns = ['page-own', 'analytics-inline-1', 'analytics-external', 'analytics-inline-2'];
const banner = (page: Page) => page.locator('clinic-consent [part~="banner"]');
const storedRecord = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('cc-clinic');
        open.onsuccess = () => {
          const request = open.result.transaction('choice').objectStore('choice').get('choice');
          request.onsuccess = () => resolve(request.result ?? null);
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );

test.describe('a returning visitor', () => {
  test('sees no banner, downloads no UI, and its scripts run without a reload', async ({ context }) => {
    const first = await openGated(context, clinicConfig());
    await expect(banner(first.page)).toBeVisible();
    await first.page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));

    const uiRequests: string[] = [];
    context.on('request', (request) => {
      // The embed placeholder (plain DOM, no Lit) is the one chunk a page with a blocked embed may fetch.
      if (request.url().includes(`/${chunkFolder}/ui/`)) uiRequests.push(request.url());
    });
    const second = await openGated(context, clinicConfig());
    await expectRuns(second.page, analyticsRuns);
    expect(await state(second.page)).toMatchObject({ decided: true, known: true });
    await expect(banner(second.page)).toHaveCount(0);
    expect(uiRequests, 'a returning visitor never downloads the UI').toEqual([]);
    expect(second.errors).toEqual([]);
  });

  test('with only the cookie left, runs its scripts and restores the IndexedDB record', async ({ context }) => {
    const first = await openGated(context, clinicConfig());
    await first.page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
    await first.page.close();
    // Deleted from a page without the SDK, which would hold the database open.
    const plain = await context.newPage();
    await plain.goto('/test/e2e/pages/foundation/embed.html');
    await plain.evaluate(() => new Promise((resolve) => { indexedDB.deleteDatabase('cc-clinic').onsuccess = resolve; }));
    await plain.close();

    const second = await openGated(context, clinicConfig());
    await expectRuns(second.page, analyticsRuns);
    expect(await storedRecord(second.page)).toMatchObject({ categories: { analytics: true, marketing: false } });
  });

  test('with only the IndexedDB record left, runs its scripts and restores the cookie', async ({ context }) => {
    const first = await openGated(context, clinicConfig());
    await first.page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
    const consentId = (await state(first.page)).consentId;
    await context.clearCookies({ name: '__Host-cc_choice' });

    const second = await openGated(context, clinicConfig());
    await expectRuns(second.page, analyticsRuns);
    expect(await cookieNames(second.page)).toContain('__Host-cc_choice');
    expect((await state(second.page)).consentId, 'the consent id survives from IndexedDB').toBe(consentId);
    await expect(banner(second.page)).toHaveCount(0);
  });

  test('after a privacy-policy change sees a notice and keeps its grants', async ({ context }) => {
    const first = await openGated(context, clinicConfig());
    await first.page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));

    const second = await openGated(context, clinicConfig({ policy: { url: '/demo/privacy.html', version: '2025-01' } }));
    await expectRuns(second.page, analyticsRuns);
    expect(await state(second.page)).toMatchObject({ policyChanged: true, decided: true, pending: [] });
    await expect(banner(second.page).locator('[part~="notice"]')).toBeVisible();
    await expect(banner(second.page).locator('a[part~="link"]')).toHaveAttribute('href', '/demo/privacy.html');
  });

  test('is asked again about marketing only when a marketing service is added', async ({ context }) => {
    const first = await openGated(context, clinicConfig());
    await first.page.evaluate(() => window.ClinicConsent!.acceptAll());

    const base = clinicConfig();
    const kakao = { id: 'kakao-pixel', name: 'Kakao pixel', thirdParty: 'Kakao Corp.', country: 'KR' };
    const second = await openGated(context, { ...base, categories: { ...base.categories, marketing: { services: [medisianAds, kakao] } } });
    await expectRuns(second.page, analyticsRuns);
    expect(await state(second.page)).toMatchObject({ pending: ['marketing'], categories: { analytics: true, marketing: false } });
    await expect(banner(second.page)).toBeVisible();
  });

  test('is asked again once the choice has expired, with nothing optional running', async ({ context }) => {
    const day = 86_400_000;
    const start = Date.UTC(2026, 0, 5, 9);
    const first = await context.newPage();
    await first.clock.install({ time: start });
    await first.addInitScript((config) => Object.assign(window, { ClinicConsentConfig: config }), clinicConfig({ consentLifetimeDays: 30 }));
    await first.goto('/test/e2e/pages/foundation/gated.html');
    await ready(first);
    await first.evaluate(() => window.ClinicConsent!.acceptAll());
    await first.close();

    // Delete the cookie (its Max-Age ends with the choice) so only IndexedDB carries the old record.
    await context.clearCookies({ name: '__Host-cc_choice' });
    const later = await context.newPage();
    await later.clock.install({ time: start + 31 * day });
    await later.addInitScript((config) => Object.assign(window, { ClinicConsentConfig: config }), clinicConfig({ consentLifetimeDays: 30 }));
    await later.goto('/test/e2e/pages/foundation/gated.html');
    await ready(later);
    expect(await state(later)).toMatchObject({ expired: true, decided: false, categories: { analytics: false, marketing: false } });
    expect(await ran(later)).toEqual(['page-own']);
    await expect(banner(later)).toBeVisible();
  });
});

test('a second open tab follows a decision without a reload', async ({ context }) => {
  const one = await openGated(context, clinicConfig());
  const two = await openGated(context, clinicConfig());
  await one.page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
  await expectRuns(two.page, analyticsRuns);
  await expect(banner(two.page)).toBeHidden();

  await two.page.evaluate(() => window.ClinicConsent!.withdraw());
  await expect.poll(() => state(one.page).then((snapshot) => snapshot.categories.analytics)).toBe(false);
});
