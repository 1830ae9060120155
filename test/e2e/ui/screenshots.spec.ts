// The README's screenshots, on the demo clinic site with its Noto web fonts (no system CJK, Thai or
// Arabic fonts on these machines), written to docs/screenshots/: banner and preference center at
// 375 px (phone) and 1280 px (desktop) in Korean, English and Japanese; the banner at 375 px in each
// of the other languages, and Arabic's preference center at both widths (right to left).
import { test, type Page } from '@playwright/test';
import { locales, openDemo, openPreferences, type Locale } from './helpers.js';

const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 800 };

// These produce documentation, not assertions: one retry when a busy machine is slow to draw.
test.describe.configure({ timeout: 60_000, retries: 1 });

async function shoot(page: Page, lang: Locale, size: typeof phone, preferences: boolean): Promise<void> {
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await openDemo(page, lang);
  await page.screenshot({ path: `docs/screenshots/banner-${lang}-${size.width}.png`, animations: 'disabled' });
  if (!preferences) return;
  await openPreferences(page);
  await page.locator('clinic-consent summary').nth(1).click();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `docs/screenshots/preferences-${lang}-${size.width}.png`, animations: 'disabled' });
}

for (const lang of locales) {
  const both = ['ko', 'en', 'ja', 'ar'].includes(lang);
  for (const size of both ? [phone, desktop] : [phone]) {
    test(`screenshots: ${lang} at ${size.width} px`, async ({ page }) => {
      await shoot(page, lang, size, both);
    });
  }
}
