// The UI under a strict header Content-Security-Policy (nonce scripts, no inline styles, Trusted
// Types limited to the clinic-consent and lit-html policies): shown and operated with no violation,
// and config texts rendered as text, never HTML.
import { test } from '@playwright/test';
import { banner, cspViolations, dialog, expect, openDemo, openPreferences, watchPage } from './helpers.js';

test('the demo page, under the strict CSP header, shows and operates banner and preference center with no violation', async ({ page }) => {
  const { errors } = await watchPage(page);
  const response = await page.goto('/demo/?lang=ko');
  expect(response?.headers()['content-security-policy'], 'the page really is under the strict policy').toContain("require-trusted-types-for 'script'");
  await openDemo(page, 'ko');
  await openPreferences(page);
  await dialog(page).getByRole('switch', { name: '분석 쿠키' }).click();
  await dialog(page).locator('[part~="save"]').click();
  await expect(banner(page).locator('.done')).toBeVisible();
  await expect(page.locator('#demo-log'), 'the analytics stand-in ran after consent').toContainText('Medisian Analytics ran');
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('markup in every configurable text stays inert text, under the strict CSP', async ({ page }) => {
  const { errors } = await watchPage(page);
  await page.goto('/test/e2e/ui/pages/hostile-texts.html');
  const title = banner(page).locator('h2');
  await expect(title).toHaveText(`<img src=x onerror="window.pwned.push('title')">Cookies`);
  await expect(banner(page).locator('[part~="accept"]')).toHaveText(`<svg onload="window.pwned.push('svg')">Accept all`);
  await openPreferences(page);
  await page.locator('clinic-consent summary').first().click();
  await expect(dialog(page)).toContainText(`<img src=y onerror="window.pwned.push('label')">Statistics`);
  await expect(dialog(page)).toContainText(`<a href="javascript:window.pwned.push('link')">Medisian Inc.</a>`);
  const parsed = await page.locator('clinic-consent').evaluate((host) => host.shadowRoot!.querySelectorAll('img, svg, script, iframe, b, a[href^="javascript"]').length);
  expect(parsed, 'no element was parsed out of a config text').toBe(0);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { pwned: string[] }).pwned)).toEqual([]);
  // Had any text been parsed as HTML, its inline handler would have been reported as a violation.
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
