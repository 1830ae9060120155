// axe-core on the banner and the preference center in every locale, light and dark, on the demo
// clinic page (the whole page is scanned, shadow roots included): zero violations.
import AxeBuilder from '@axe-core/playwright';
import { test } from '@playwright/test';
import { cspViolations, expect, locales, openDemo, openPreferences, watchPage } from './helpers.js';

type Results = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** True when `rule` passed on at least one node inside <clinic-consent> (axe targets shadow nodes as [host, inner]). */
function checkedInside(passes: Results['passes'], rule: string): boolean {
  return passes.some((result) => result.id === rule && result.nodes.some((node) => JSON.stringify(node.target).includes('clinic-consent')));
}

// axe over a whole page with CJK web fonts takes a while on a busy machine.
test.describe.configure({ timeout: 90_000 });

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const scheme of ['light', 'dark'] as const) {
  for (const lang of locales) {
    test(`axe: banner and preference center in ${lang}, ${scheme} theme, have no violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await watchPage(page);
      await openDemo(page, lang);
      const onBanner = await new AxeBuilder({ page }).withTags(tags).analyze();
      expect(onBanner.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'banner').toEqual([]);
      expect(checkedInside(onBanner.passes, 'color-contrast'), 'axe reached into the shadow root').toBe(true);
      await openPreferences(page);
      // Expand every service list so their contents are checked too.
      for (const summary of await page.locator('clinic-consent summary').all()) await summary.click();
      const onPreferences = await new AxeBuilder({ page }).withTags(tags).analyze();
      expect(onPreferences.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'preference center').toEqual([]);
      expect(checkedInside(onPreferences.passes, 'color-contrast'), 'axe reached into the dialog').toBe(true);
      expect(await cspViolations(page)).toEqual([]);
    });
  }
}
