// Layout and motion: no horizontal scrolling at 320 px or at 200 % zoom, no motion under
// prefers-reduced-motion, no layout shift when the banner appears, and no banner (nor Lit) at all
// for a returning visitor.
import { test, type Page } from '@playwright/test';
import { banner, dialog, expect, locales, openDemo, openPreferences, watchPage } from './helpers.js';
import { chunkFolder } from '../../../scripts/chunk-folder.mjs';

/** Widths that overflow their box: the page, the banner, the dialog and its scrolling body. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('clinic-consent')?.shadowRoot;
    const boxes: [string, Element | null | undefined][] = [
      ['page', document.documentElement],
      ['banner', root?.querySelector('.banner')],
      ['banner text', root?.querySelector('.banner .text')],
      ['dialog', root?.querySelector('dialog[open]')],
      ['dialog body', root?.querySelector('dialog[open] .body')],
    ];
    return boxes.filter(([, box]) => box && box.scrollWidth > box.clientWidth + 1).map(([name, box]) => `${name}: ${box?.scrollWidth} > ${box?.clientWidth}`);
  });
}

// 320 CSS px is WCAG's reflow width; 640 × 360 CSS px is a 1280 × 720 screen at 200 % zoom.
for (const viewport of [{ width: 320, height: 640, name: '320 px' }, { width: 640, height: 360, name: '200 % zoom' }]) {
  for (const lang of locales) {
    test(`${viewport.name}, ${lang}: banner and preference center fit without horizontal scrolling`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await watchPage(page);
      await openDemo(page, lang);
      expect(await overflow(page), 'with the banner').toEqual([]);
      const actions = await banner(page).locator('.actions').boundingBox();
      expect(actions && actions.y + actions.height, 'the buttons stay on screen').toBeLessThanOrEqual(viewport.height);
      await openPreferences(page);
      for (const summary of await page.locator('clinic-consent summary').all()) await summary.click();
      expect(await overflow(page), 'with the preference center and every service list open').toEqual([]);
      const box = await dialog(page).boundingBox();
      expect(box && box.height, 'the dialog fits the viewport height').toBeLessThanOrEqual(viewport.height);
    });
  }
}

test('prefers-reduced-motion: the preference center appears without animation', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await watchPage(page);
  await openDemo(page, 'en');
  const running = () => page.locator('clinic-consent').evaluate((host) => host.shadowRoot!.getAnimations().length);
  await openPreferences(page);
  expect(await dialog(page).evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
  expect(await running(), 'no running animations').toBe(0);
});

test('without reduced motion the preference center fades in (so the test above is not vacuous); the banner never animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await watchPage(page);
  await openDemo(page, 'en');
  // The banner is readable in the first frame it is painted: no slide-in delays it.
  expect(await banner(page).evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
  await openPreferences(page);
  expect(await dialog(page).evaluate((element) => getComputedStyle(element).animationName)).toBe('cc-fade');
});

test('the banner appearing shifts nothing on the page (CLS 0)', async ({ page }) => {
  // Web fonts swapping in would shift text on their own (font-display: swap); keep them out so any
  // shift measured here is the banner's.
  await page.route(/\.woff2?$/, (route) => route.abort());
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { shifts: number }).shifts += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/demo/?lang=ja');
  await expect(banner(page).locator('h2')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);
});

test('a returning visitor sees no banner, not even for a frame, and never downloads Lit', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'en');
  await banner(page).locator('[part~="accept"]').click();
  await expect(banner(page).locator('.done')).toBeVisible();
  const uiRequests: string[] = [];
  page.on('request', (request) => {
    // receipts.js (no Lit) may come to deliver the receipt of the choice just made: the test server
    // has no collector, so it is still in the outbox.
    if (request.url().includes(`/${chunkFolder}/ui/`)) uiRequests.push(request.url());
  });
  await page.addInitScript(() => {
    (window as unknown as { sawBanner: boolean }).sawBanner = false;
    new MutationObserver(() => {
      if (document.querySelector('clinic-consent')) (window as unknown as { sawBanner: boolean }).sawBanner = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await page.evaluate(() => window.ClinicConsent!.ready);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as unknown as { sawBanner: boolean }).sawBanner), 'no <clinic-consent> was ever added').toBe(false);
  expect(uiRequests, 'no UI chunk (and so no Lit) fetched').toEqual([]);
  // The floating button is there instead, and it opens the preference center.
  await page.locator('cc-launcher button').click();
  await expect(dialog(page)).toBeVisible();
});

/** Text boxes of the page (not the SDK's) that the floating button covers, at the current scroll position. */
function coveredText(page: Page) {
  return page.evaluate(() => {
    const button = document.querySelector('cc-launcher');
    const box = button?.shadowRoot?.querySelector('button')?.getBoundingClientRect();
    if (!box || box.width === 0) return ['no floating button'];
    const covered: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || node.parentElement?.closest('clinic-consent, cc-launcher')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width && rect.left < box.right && box.left < rect.right && rect.top < box.bottom && box.top < rect.bottom) {
          covered.push(node.textContent.trim().slice(0, 40));
          break;
        }
      }
    }
    return covered;
  });
}

for (const lang of locales) {
  test(`375 px, ${lang}: scrolled to the end, the floating button covers no page text`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    await watchPage(page);
    await openDemo(page, lang);
    await banner(page).locator('[part~="reject"]').click();
    await banner(page).locator('[part~="hide"]').click();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await coveredText(page)).toEqual([]);
  });
}
