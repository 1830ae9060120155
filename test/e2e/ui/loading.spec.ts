// What is downloaded when: on a first visit, the texts of the page's language are requested together
// with the UI, not after it has loaded, and no other language's; a returning visitor who opens the
// preference center gets the receipts code before deciding anything there.
import { test } from '@playwright/test';
import { clinicConfig } from '../../support/configs.js';
import { openGated } from '../support/clinic-page.js';
import { banner, expect, locales, watchPage } from './helpers.js';
import { chunkFolder } from '../../../scripts/chunk-folder.mjs';

for (const lang of locales) {
  test(`first visit in ${lang}: the texts file is fetched alongside the UI, and only that one`, async ({ page }) => {
    await watchPage(page);
    const events: string[] = [];
    const chunk = (url: string) => url.startsWith(`${new URL(url).origin}/${chunkFolder}/ui/`) ? /([\w-]+)\.js$/.exec(url)?.[1] : undefined;
    page.on('request', (request) => {
      const name = chunk(request.url());
      if (name) events.push(`requested ${name}`);
    });
    page.on('requestfinished', (request) => {
      const name = chunk(request.url());
      if (name) events.push(`finished ${name}`);
    });
    await page.goto(`/demo/?lang=${lang}`);
    await expect(banner(page).locator('h2')).toBeVisible();
    const requestedLocales = events.filter((event) => /^requested locale-/.test(event));
    expect(requestedLocales, 'one texts file, in the page language').toEqual([`requested locale-${lang}`]);
    // Before the UI chunk arrived, nothing but the loader could have asked for the texts.
    expect(events.indexOf(`requested locale-${lang}`), `${events.join(', ')}`).toBeLessThan(events.indexOf('finished clinic-consent-ui'));
  });
}

test('a returning visitor who opens the preference center has the receipts code before deciding there', async ({ context }) => {
  const first = await openGated(context, clinicConfig());
  await first.page.evaluate(() => window.ClinicConsent!.acceptAll());
  const receiptsCode: string[] = [];
  context.on('request', (request) => {
    if (request.url().endsWith(`/${chunkFolder}/parts/receipts.js`)) receiptsCode.push(request.url());
  });
  const second = await openGated(context, clinicConfig());
  await second.page.waitForLoadState('networkidle');
  expect(receiptsCode, 'nothing to deliver (no endpoint): a returning visit alone does not fetch it').toEqual([]);
  await second.page.evaluate(() => window.ClinicConsent!.openPreferences());
  await expect(second.page.locator('clinic-consent dialog[open]')).toBeVisible();
  // Fetched while the patient reads, so a withdrawal made there is kept at once, even if the tab closes right after.
  await expect.poll(() => receiptsCode.length, { message: 'receipts.js fetched before any decision' }).toBe(1);
  expect(await second.page.evaluate(() => window.ClinicConsent!.getState().method), 'nothing decided meanwhile').toBe('accept-all');
  expect(second.errors).toEqual([]);
});
