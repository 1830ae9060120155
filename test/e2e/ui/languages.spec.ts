// Every language speaks for itself: <clinic-consent> carries the lang of the texts it shows (so a
// screen reader pronounces Thai as Thai), the switches are named by their category in that language,
// and a page that states no language gets the texts its visitor's browser asks for, by script.
import { test } from '@playwright/test';
import { BUNDLED_LOCALES, type BundledLocale } from '../../../src/config/locale-choice.js';
import type { Texts } from '../../../src/ui/texts.js';
import { clinicConfig } from '../../support/configs.js';
import { openGated } from '../support/clinic-page.js';
import { banner, dialog, expect, locales, openDemo, openPreferences, watchPage } from './helpers.js';

const texts = Object.fromEntries(
  await Promise.all(BUNDLED_LOCALES.map(async (code) => [code, ((await import(`../../../src/ui/locales/${code}.ts`)) as { default: Texts }).default] as const)),
) as Record<BundledLocale, Texts>;

for (const lang of locales) {
  test(`${lang}: lang on the component matches its texts, and each switch is named by its category`, async ({ page }) => {
    const t = texts[lang];
    await watchPage(page);
    await openDemo(page, lang);
    await expect(page.locator('clinic-consent')).toHaveAttribute('lang', lang);
    await expect(banner(page).locator('h2')).toHaveText(t.bannerTitle);
    await expect(banner(page).locator('p').first()).toHaveText(t.bannerBody);
    await expect(banner(page).getByRole('button', { name: t.acceptAll, exact: true })).toBeVisible();
    await expect(banner(page).getByRole('button', { name: t.rejectAll, exact: true })).toBeVisible();
    await openPreferences(page);
    for (const label of [t.necessaryLabel, t.analyticsLabel, t.marketingLabel]) {
      await expect(dialog(page).getByRole('switch', { name: label, exact: true }), `the switch named "${label}"`).toBeAttached();
    }
    await expect(dialog(page).getByRole('switch', { name: t.necessaryLabel, exact: true })).toBeDisabled();
  });
}

// The browser's language, on a page with no lang of its own: the script rules pick the texts.
for (const [browserLocale, expected] of [
  ['zh-HK', 'zh-Hant'],
  ['zh-SG', 'zh-Hans'],
  ['ar-EG', 'ar'],
  ['mn-MN', 'mn'],
] as const) {
  test(`a browser set to ${browserLocale} on a page without lang gets the ${expected} texts`, async ({ browser }) => {
    const context = await browser.newContext({ locale: browserLocale });
    await context.route('**/gated.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace('<html lang="en">', '<html>') });
    });
    const { page: opened, errors } = await openGated(context, clinicConfig({ languages: [...BUNDLED_LOCALES] }));
    await expect(opened.locator('clinic-consent .banner h2')).toHaveText(texts[expected].bannerTitle);
    await expect(opened.locator('clinic-consent')).toHaveAttribute('lang', expected);
    expect(await opened.evaluate(() => document.documentElement.lang), 'the page really has no lang').toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
}
