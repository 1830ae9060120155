// The README's screenshots: banner and preference center at 375 px (phone) and 1280 px (desktop) in
// each locale, on the demo clinic site with its Noto Sans KR/JP web fonts, written to docs/screenshots/.
import { test } from '@playwright/test';
import { locales, openDemo, openPreferences } from './helpers.js';

const sizes = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
];

// These produce documentation, not assertions: one retry when a busy machine is slow to draw.
test.describe.configure({ timeout: 60_000, retries: 1 });

for (const lang of locales) {
  for (const size of sizes) {
    test(`screenshots: ${lang} at ${size.width} px`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await openDemo(page, lang);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `docs/screenshots/banner-${lang}-${size.width}.png`, animations: 'disabled' });
      await openPreferences(page);
      await page.locator('clinic-consent summary').nth(1).click();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `docs/screenshots/preferences-${lang}-${size.width}.png`, animations: 'disabled' });
    });
  }
}
