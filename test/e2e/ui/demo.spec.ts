// The demo clinic site as a patient uses it: the language switch (the UI follows <html lang>), the
// stand-in trackers running only after consent, withdrawal from the footer link, and the disclosure
// table on the privacy-policy page drawn from the same config as the banner.
import { test, type Page } from '@playwright/test';
import { banner, cspViolations, dialog, expect, openDemo, watchPage } from './helpers.js';

const cookieNames = async (page: Page) =>
  (await page.evaluate(() => document.cookie)).split('; ').filter(Boolean).map((pair) => pair.split('=')[0]);

test('the site language switch changes the banner language at once', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'ko');
  await expect(banner(page).locator('h2')).toHaveText('쿠키 사용 안내');
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(banner(page).locator('h2')).toHaveText('Cookieの使用について');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(banner(page).locator('h2')).toHaveText('Cookies on this website');
  await expect(page.locator('clinic-consent')).toHaveAttribute('lang', 'en');
});

test('trackers run only after Accept all, and withdrawing from the footer link removes their cookies', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'en');
  await page.waitForTimeout(300);
  await expect(page.locator('#demo-log'), 'no tracker ran before the choice').not.toContainText('Medisian');
  expect(await cookieNames(page)).not.toContain('_mda');
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(page.locator('#demo-log')).toContainText('Medisian Analytics ran');
  await expect(page.locator('#demo-log')).toContainText('Medisian Event Pixel ran');
  expect(await cookieNames(page)).toEqual(expect.arrayContaining(['_mda', '_mdp']));
  await banner(page).getByRole('button', { name: 'Hide this message' }).click();

  await page.locator('footer a[data-cc-open]').click();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('.record .id')).toHaveText(/\S{8,}/);
  const withdraw = dialog(page).getByRole('button', { name: 'Withdraw my consent' });
  const save = dialog(page).getByRole('button', { name: 'Save my choices' });
  // Withdrawing is a button as visible as the others, not a small link.
  const style = (target: typeof save) => target.evaluate((element) => {
    const { backgroundColor, fontWeight, borderStyle } = getComputedStyle(element);
    return { backgroundColor, fontWeight, borderStyle, tall: element.getBoundingClientRect().height >= 44 };
  });
  expect(await style(withdraw)).toEqual(await style(save));
  await withdraw.click();
  await expect(dialog(page)).toBeHidden();
  // It says what happened: a withdrawal (not a rejection), with the trackers stopped at once.
  const done = banner(page).locator('.done');
  await expect(done).toContainText('You have withdrawn your consent');
  await expect(done).toContainText('were stopped at once');
  await expect(done).not.toContainText('rejected');
  await expect(done).not.toContainText('stop when you reload');
  await expect.poll(() => cookieNames(page), { message: 'the trackers\' cookies are gone' }).not.toContain('_mda');
  expect(await cookieNames(page)).not.toContain('_mdp');
  expect(await cspViolations(page)).toEqual([]);
});

test('the privacy-policy page shows the disclosure table in the page language, following the switch', async ({ page }) => {
  await watchPage(page);
  await openDemo(page, 'ko', '/demo/privacy.html');
  const table = page.locator('clinic-consent-disclosure table');
  await expect(table.locator('caption')).toHaveText('이 웹사이트에서 사용하는 쿠키 및 외부 전송 서비스');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').nth(1)).toContainText('(주)메디시안');
  await expect(table.locator('tbody tr').nth(1)).toContainText('대한민국');
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(table.locator('caption')).toHaveText('当サイトで使用するCookieおよび外部送信サービス');
  await expect(table.locator('tbody tr').nth(1)).toContainText('韓国');
  await expect(table.locator('tbody tr').nth(1)).toContainText('_mda（保存期間: 1年）'.replace('（', ' (').replace('）', ')'));
  expect(await cspViolations(page)).toEqual([]);
});
