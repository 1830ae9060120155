// Arabic reads right to left: the banner, the preference center, its switches and service lists, the
// confirmation, the floating button and the disclosure table are mirrored by `dir="rtl"` on the
// component (on a page that itself stays left to right), focus moves in reading order, and Latin
// names and numbers keep their own direction inside Arabic text.
import { test, type Locator, type Page } from '@playwright/test';
import ar from '../../../src/ui/locales/ar.js';
import { banner, dialog, expect, openDemo, openPreferences, watchPage } from './helpers.js';

const box = async (locator: Locator) => (await locator.boundingBox())!;

/** The element focused now (through shadow roots): its text and horizontal centre. */
const focusedAt = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const rect = active!.getBoundingClientRect();
    return { text: (active as HTMLElement).innerText.trim(), x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });

test.describe.configure({ timeout: 60_000 });

test('ar: the banner is mirrored, and Tab moves through it from right to left', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { errors } = await watchPage(page);
  await openDemo(page, 'ar');
  const host = page.locator('clinic-consent');
  await expect(host).toHaveAttribute('dir', 'rtl');
  await expect(host).toHaveAttribute('lang', 'ar');
  expect(await page.evaluate(() => document.documentElement.dir), 'the page itself is not turned around').toBe('');
  // Where the heading's words are drawn (its block box spans the whole width either way).
  const title = await banner(page).locator('h2').evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const { left, right } = range.getBoundingClientRect();
    return { left, right };
  });
  const text = await box(banner(page).locator('.text'));
  expect(Math.abs(title.right - (text.x + text.width)), 'the heading starts at the right edge').toBeLessThan(2);
  expect(title.left, 'and ends short of the left one').toBeGreaterThan(text.x + 10);
  const accept = await box(banner(page).locator('[part~="accept"]'));
  const reject = await box(banner(page).locator('[part~="reject"]'));
  expect(accept.x, 'Accept all (first in reading order) is to the right of Reject all').toBeGreaterThan(reject.x);
  expect(accept.width, 'and as wide').toBeCloseTo(reject.width, 0);

  // Focus follows the reading order: right to left along a row of buttons, never jumping back.
  await banner(page).locator('a').focus();
  const visited: { text: string; x: number; y: number }[] = [];
  for (let step = 0; step < 3; step++) {
    await page.keyboard.press('Tab');
    visited.push(await focusedAt(page));
  }
  expect(visited.map((stop) => stop.text)).toEqual([ar.acceptAll, ar.rejectAll, ar.choose]);
  for (let index = 1; index < visited.length; index++) {
    const [before, after] = [visited[index - 1]!, visited[index]!];
    expect(after.x < before.x || after.y > before.y + 5, `${after.text} comes after ${before.text} (leftwards, or on the next row)`).toBe(true);
  }
  expect(errors).toEqual([]);
});

test('ar: the preference center is mirrored, its switches slide from right to left, and Latin names and numbers stay readable', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await watchPage(page);
  await openDemo(page, 'ar');
  await openPreferences(page);
  const switchRow = dialog(page).locator('label.switch').filter({ hasText: ar.analyticsLabel });
  const track = await box(switchRow.locator('.track'));
  const name = await box(switchRow.locator('.name'));
  expect(track.x, 'the switch stands before its name, on the right').toBeGreaterThan(name.x);
  const close = await box(dialog(page).locator('[part~="close"]'));
  const heading = await box(dialog(page).locator('h2'));
  expect(close.x, 'Close sits at the end of the heading row, on the left').toBeLessThan(heading.x);

  // The knob moves towards the inline end, which is the left in Arabic.
  const knobOff = await switchRow.locator('.track').evaluate((element) => getComputedStyle(element, '::after').right);
  await switchRow.locator('input').check();
  await expect.poll(() => switchRow.locator('.track').evaluate((element) => getComputedStyle(element, '::after').right)).not.toBe(knobOff);
  expect(Number.parseFloat(await switchRow.locator('.track').evaluate((element) => getComputedStyle(element, '::after').right)), 'moved left').toBeGreaterThan(Number.parseFloat(knobOff));

  // A service's Latin name and cookie name are isolated: they run left to right inside the right-to-left list.
  const services = dialog(page).locator('details[part="services"]').nth(1);
  await services.locator('summary').click();
  const serviceName = services.locator('.service-name bdi');
  await expect(serviceName).toHaveText('Medisian Analytics');
  expect(await serviceName.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  const cookie = services.locator('dd bdi', { hasText: '_mda' });
  expect(await cookie.evaluate((element) => [getComputedStyle(element).direction, getComputedStyle(element.parentElement!).direction])).toEqual(['ltr', 'rtl']);
  // "_mda" starts with a neutral underscore: without isolation it would be drawn as "mda_" at the right.
  const [underscore, letters] = await cookie.evaluate((element) => {
    const range = document.createRange();
    const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE)!;
    const at = (start: number) => {
      range.setStart(text, start);
      range.setEnd(text, start + 1);
      return range.getBoundingClientRect().left;
    };
    return [at(0), at(1)];
  });
  expect(underscore, 'the underscore is drawn first, on the left of the letters').toBeLessThan(letters);
  const recipient = services.locator('dd bdi', { hasText: 'Medisian Inc.' });
  expect(await recipient.evaluate((element) => getComputedStyle(element).direction), 'the trailing full stop stays with "Inc"').toBe('ltr');
});

test('ar: the confirmation and the floating button are mirrored', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await watchPage(page);
  await openDemo(page, 'ar');
  await banner(page).locator('[part~="reject"]').click();
  const done = banner(page).locator('.done');
  await expect(done).toContainText(ar.doneRejected);
  await expect(done).toBeFocused();
  await banner(page).locator('[part~="hide"]').click();
  const launcher = page.locator('cc-launcher');
  await expect(launcher.locator('button')).toHaveText(ar.prefsTitle);
  await expect(launcher).toHaveAttribute('dir', 'rtl');
  await expect(launcher).toHaveAttribute('lang', 'ar');
  const at = await box(launcher.locator('button'));
  expect(at.x + at.width, 'in the bottom start corner, which is the right in Arabic').toBeGreaterThan(375 - 40);
  expect(at.x, 'not the left').toBeGreaterThan(100);
});

test('ar: the disclosure table on the privacy page reads from right to left, with Latin names isolated', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await watchPage(page);
  await openDemo(page, 'ar', '/demo/privacy.html');
  const table = page.locator('clinic-consent-disclosure');
  await expect(table).toHaveAttribute('dir', 'rtl');
  await expect(table.locator('caption')).toHaveText(ar.tableCaption);
  const [first, second] = [await box(table.locator('thead th').nth(0)), await box(table.locator('thead th').nth(1))];
  expect(first.x, 'the first column (service) is the rightmost').toBeGreaterThan(second.x);
  const name = table.locator('tbody tr').nth(1).locator('th bdi');
  await expect(name).toHaveText('Medisian Analytics');
  expect(await name.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  await expect(table.locator('tbody tr').nth(1).locator('li bdi')).toHaveText('_mda');
});
