// Thai has no spaces between words, Chinese and Japanese break anywhere, Russian and Mongolian words
// are long: in every locale, at 320 px and at 1280 px, in the light and the dark theme, no text of
// the banner, the preference center (every service list open), the confirmation or the floating
// button runs out of its box or off the screen. Each text node is measured, not just the containers.
import { test, type Page } from '@playwright/test';
import { banner, dialog, expect, locales, openDemo, openPreferences, watchPage } from './helpers.js';

/**
 * Every text that runs past the box that holds it, or past the viewport, sideways: each text node is
 * measured against its nearest non-inline ancestor (a button, a paragraph, a table cell), and every
 * non-inline element with text must not scroll sideways within itself.
 */
function overflowingTexts(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const roots = [...document.querySelectorAll('clinic-consent, cc-launcher')].map((host) => host.shadowRoot!).filter(Boolean);
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        let box = node.parentElement;
        while (box && getComputedStyle(box).display.startsWith('inline') && !getComputedStyle(box).display.startsWith('inline-')) box = box.parentElement;
        if (!box || box.getClientRects().length === 0 || box.closest('details:not([open]) > :not(summary)')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const text = range.getBoundingClientRect();
        if (text.width === 0) continue;
        const holder = box.getBoundingClientRect();
        const name = `${box.tagName.toLowerCase()}${box.className ? `.${box.className}` : ''} "${node.textContent.trim().slice(0, 24)}"`;
        if (text.left < holder.left - 1 || text.right > holder.right + 1) found.push(`${name}: text ${text.left.toFixed(0)}–${text.right.toFixed(0)} outside its box ${holder.left.toFixed(0)}–${holder.right.toFixed(0)}`);
        if (text.left < -1 || text.right > innerWidth + 1) found.push(`${name}: off the screen (${text.left.toFixed(0)}–${text.right.toFixed(0)} of ${innerWidth})`);
        if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'auto') found.push(`${name}: scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`);
      }
    }
    return [...new Set(found)];
  });
}

const widths = [320, 1280];
const schemes = ['light', 'dark'] as const;

/** Measures the current screen at both widths and in both themes. */
async function measureEverywhere(page: Page, what: string): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 720 });
    for (const colorScheme of schemes) {
      await page.emulateMedia({ colorScheme });
      expect(await overflowingTexts(page), `${what} at ${width} px, ${colorScheme}`).toEqual([]);
    }
  }
}

test.describe.configure({ timeout: 90_000 });

for (const lang of locales) {
  test(`${lang}: no text overflows or is cut, at 320 and 1280 px, light and dark`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await watchPage(page);
    await openDemo(page, lang);
    expect(await page.locator('clinic-consent').evaluate((host) => host.shadowRoot!.querySelectorAll('.banner button').length), 'measuring a drawn banner').toBeGreaterThan(2);
    await measureEverywhere(page, 'banner');

    await openPreferences(page);
    for (const summary of await dialog(page).locator('summary').all()) await summary.click();
    await measureEverywhere(page, 'preference center, every list open');
    await dialog(page).locator('[part~="close"]').click();

    await banner(page).locator('[part~="reject"]').click();
    await expect(banner(page).locator('.done')).toBeVisible();
    await measureEverywhere(page, 'confirmation');

    await banner(page).locator('[part~="hide"]').click();
    await expect(page.locator('cc-launcher button')).toBeVisible();
    await measureEverywhere(page, 'floating button');
  });
}

test('the measure finds a text that runs out of its box (so the tests above can fail)', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'ru');
  await page.setViewportSize({ width: 320, height: 720 });
  await page.locator('clinic-consent').evaluate((host) => {
    const button = host.shadowRoot!.querySelector<HTMLElement>('[part~="reject"]')!;
    button.textContent = 'Непереносимодлинноеслово'.repeat(2);
    button.style.whiteSpace = 'nowrap';
  });
  expect((await overflowingTexts(page)).join('\n')).toContain('Непереносимо');
});
