// The foundation's promise, end to end in a real browser: nothing optional runs or keeps a cookie
// before the patient agrees; after agreeing, each marked script runs once, in page order;
// refusing and withdrawing stop everything and delete the category's cookies.
import { clinicConfig } from '../../support/configs.js';
import { cookieNames, expect, expectRuns, openGated, ran, state, test } from '../support/clinic-page.js';

const everything = ['page-own', 'analytics-inline-1', 'analytics-external', 'analytics-inline-2', 'marketing-external', 'medisian-inline'];

test.describe('markup gating', () => {
  test('runs nothing optional before a choice, then every marked script once, in page order, after accept', async ({ context }) => {
    // A slow external analytics tag must still run before the inline script written after it.
    await context.route('**/analytics-tag.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    const { page, errors } = await openGated(context, clinicConfig());

    expect(await ran(page), 'before any choice only the page\'s own script ran').toEqual(['page-own']);
    expect(await cookieNames(page)).toEqual(['clinic_session']);
    await expect(page.locator('iframe[title="Event video"]')).toBeHidden();
    await expect(page.locator('.cc-placeholder')).toContainText('marketing');
    // The 1×1 conversion pixel and the image in a hidden block get no placeholder: nobody sees them.
    await expect(page.locator('.cc-placeholder')).toHaveCount(1);
    await expect(page.locator('img[data-consent]')).toHaveCount(2);

    await page.evaluate(() => window.ClinicConsent!.acceptAll());
    await expectRuns(page, everything);
    await expect(page.locator('iframe[title="Event video"]')).toHaveAttribute('src', /embed\.html$/);
    await expect(page.locator('img[width="1"]')).toHaveAttribute('src', /pixel\.gif\?conversion$/);
    await expect(page.locator('.cc-placeholder')).toHaveCount(0);

    // Deciding again must not run anything a second time.
    await page.evaluate(() => window.ClinicConsent!.acceptAll());
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await ran(page)).toEqual(everything);
    expect(errors).toEqual([]);
  });

  test('accepting one category runs only its scripts', async ({ context }) => {
    const { page } = await openGated(context, clinicConfig());
    await page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
    await expectRuns(page, ['page-own', 'analytics-inline-1', 'analytics-external', 'analytics-inline-2']);
    expect(await state(page)).toMatchObject({ decided: true, categories: { analytics: true, marketing: false } });
  });

  test('reject runs nothing and deletes the categories\' cookies, keeping the site\'s own', async ({ context, baseURL }) => {
    // Cookies a tracker left behind earlier (e.g. before the site added Clinic Consent).
    const url = baseURL!;
    await context.addCookies(['_ga', '_ga_CLINIC1', '_fbp'].map((name) => ({ name, value: 'old', url })));
    const { page, errors } = await openGated(context, clinicConfig());
    await page.evaluate(() => window.ClinicConsent!.rejectAll());
    expect(await cookieNames(page)).toEqual(['__Host-cc_choice', 'clinic_session']);
    await page.reload();
    await page.evaluate(() => window.ClinicConsent!.ready);
    expect(await ran(page)).toEqual(['page-own']);
    expect(errors).toEqual([]);
  });

  test('withdrawing after accepting deletes the cookies the trackers set and stops further scripts', async ({ context }) => {
    const { page } = await openGated(context, clinicConfig());
    await page.evaluate(() => window.ClinicConsent!.acceptAll());
    await expectRuns(page, everything);
    expect(await cookieNames(page)).toEqual(['__Host-cc_choice', '_fbp', '_ga', '_ga_CLINIC1', 'clinic_session']);

    await page.evaluate(() => window.ClinicConsent!.withdraw());
    expect(await cookieNames(page)).toEqual(['__Host-cc_choice', 'clinic_session']);
    expect(await state(page)).toMatchObject({ method: 'withdraw', categories: { necessary: true, analytics: false, marketing: false } });
    await page.reload();
    await page.evaluate(() => window.ClinicConsent!.ready);
    expect(await ran(page)).toEqual(['page-own']);
  });

  test('the placeholder of a blocked embed lets the patient allow its category', async ({ context }) => {
    const { page } = await openGated(context, clinicConfig());
    await page.locator('.cc-placeholder button').click();
    await expect(page.locator('iframe[title="Event video"]')).toBeVisible();
    expect(await state(page)).toMatchObject({ categories: { analytics: false, marketing: true } });
    await expectRuns(page, ['page-own', 'marketing-external', 'medisian-inline']);
  });
});
