// Keyboard only: every control reachable in a sensible order, the focused element never hidden behind
// the banner (WCAG 2.2 SC 2.4.11, which axe does not check), focus moved into and trapped in the
// preference center, Esc closing it without deciding, and focus returning to where it was.
import { test } from '@playwright/test';
import { banner, cspViolations, dialog, expect, focused, openDemo, watchPage } from './helpers.js';

test('tabbing through the whole page never leaves the focused element behind the banner', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await watchPage(page);
  await openDemo(page, 'en');
  const seen: string[] = [];
  for (let step = 0; step < 40; step++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    seen.push(now.inBanner ? `banner: ${now.label}` : now.label);
    if (now.inBanner) expect(now.outline, `"${now.label}" shows a focus outline`).not.toBe('none');
    if (!now.inBanner && now.bannerTop !== null && !now.label.startsWith('body')) {
      expect(now.bottom, `"${now.label}" (step ${step}) ends above the banner`).toBeLessThanOrEqual(now.bannerTop + 1);
      expect(now.top, `"${now.label}" (step ${step}) is inside the viewport`).toBeGreaterThanOrEqual(0);
    }
  }
  // The banner comes first in the tab order, with its link and all three buttons.
  expect(seen.slice(0, 4)).toEqual(['banner: a Read our privacy policy', 'banner: button Accept all', 'banner: button Reject all', 'banner: button Choose cookies']);
  expect(seen, 'the footer link was reached too').toContain('a Cookie settings');
});

test('the preference center traps focus, Esc closes it without deciding, and focus returns to the opener', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'en');
  const footerLink = page.locator('footer a[data-cc-open]');
  await footerLink.focus();
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  expect((await focused(page)).inDialog, 'focus moved into the dialog').toBe(true);
  for (let step = 0; step < 20; step++) {
    await page.keyboard.press(step % 3 === 2 ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    expect(now.inDialog, `step ${step}: focus stays in the dialog (${now.label})`).toBe(true);
  }
  // A switch flipped and then Esc: nothing is decided.
  await dialog(page).locator('#cc-p-marketing').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  const state = await page.evaluate(() => window.ClinicConsent!.getState());
  expect(state.decided, 'Esc decided nothing').toBe(false);
  expect(await footerLink.evaluate((link) => link === document.activeElement), 'focus back on the footer link').toBe(true);
  await expect(banner(page), 'the question is still open').toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
});

test('a switch announces its name and state, and Space toggles it', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'ko');
  const analytics = banner(page).getByRole('switch', { name: '분석 쿠키' });
  await expect(analytics).not.toBeChecked();
  await analytics.focus();
  await page.keyboard.press('Space');
  await expect(analytics).toBeChecked();
  await banner(page).getByRole('button', { name: '선택 항목 저장' }).press('Enter');
  await expect(banner(page).locator('.done')).toBeFocused();
  const state = await page.evaluate(() => window.ClinicConsent!.getState());
  expect(state.categories).toEqual({ necessary: true, analytics: true, marketing: false });
});

test('the floating button moves to the other corner rather than cover the focused element (SC 2.4.11)', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'en');
  await banner(page).locator('[part~="reject"]').click();
  await page.reload();
  const launcher = page.locator('cc-launcher');
  await expect(launcher.locator('button')).toBeVisible();
  // A small link of the page's own, sitting exactly where the button is (a chat or "back to top" link, say).
  const box = (await launcher.boundingBox())!;
  await page.evaluate(({ x, y }) => {
    const link = Object.assign(document.createElement('a'), { id: 'covered', href: '#top', textContent: 'Top' });
    Object.assign(link.style, { position: 'fixed', left: `${x + 8}px`, top: `${y + 8}px`, width: '24px', height: '18px' });
    document.body.append(link);
  }, box);
  const overlaps = () =>
    page.evaluate(() => {
      const a = document.getElementById('covered')!.getBoundingClientRect();
      const b = document.querySelector('cc-launcher')!.getBoundingClientRect();
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    });
  expect(await overlaps(), 'the button covers the link before it is focused').toBe(true);
  await page.locator('#covered').focus();
  await expect(launcher).toHaveAttribute('data-cc-end', '');
  expect(await overlaps(), 'the focused link is no longer covered').toBe(false);
  await expect(launcher.locator('button'), 'and the button is still there').toBeVisible();
});
