// What a first visit downloads to show the banner, and in what order: the texts of the page's
// language are requested together with the UI, not after it has loaded, and no other language's.
import { test } from '@playwright/test';
import { banner, expect, locales, watchPage } from './helpers.js';

for (const lang of locales) {
  test(`first visit in ${lang}: the texts file is fetched alongside the UI, and only that one`, async ({ page }) => {
    await watchPage(page);
    const events: string[] = [];
    const chunk = (url: string) => /\/dist\/ui\/([\w-]+)\.js$/.exec(url)?.[1];
    page.on('request', (request) => {
      const name = chunk(request.url());
      if (name) events.push(`requested ${name}`);
    });
    page.on('requestfinished', (request) => {
      const name = chunk(request.url());
      if (name) events.push(`finished ${name}`);
    });
    await page.goto(`/demo/?lang=${lang}`);
    await expect(banner(page).locator('h2')).toBeVisible();
    const requestedLocales = events.filter((event) => /^requested locale-/.test(event));
    expect(requestedLocales, 'one texts file, in the page language').toEqual([`requested locale-${lang}`]);
    // Before the UI chunk arrived, nothing but the loader could have asked for the texts.
    expect(events.indexOf(`requested locale-${lang}`), `${events.join(', ')}`).toBeLessThan(events.indexOf('finished clinic-consent-ui'));
  });
}
