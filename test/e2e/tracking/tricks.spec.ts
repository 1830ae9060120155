// Tag code that reaches trackers in less usual ways: document.write during parsing, HTML sinks,
// srcset, a captured native setter, URLs with tabs or spaces, a re-wrapped fetch, upper-case
// attribute names, Reflect.apply, module scripts, document fragments, a fresh iframe's APIs and
// cookie jar, the Cookie Store API. Each is held or dropped until consent; held scripts run after.
import { expect, test } from '@playwright/test';
import type { ClinicConsentApi } from '../../../src/api.js';
import { routeTrackers, trackerCookies } from './support/trackers.js';

test('tracker requests made by tricks wait for consent; held scripts run after it', async ({ context }) => {
  const log = await routeTrackers(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/test/e2e/tracking/pages/tricks.html');
  await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).ready);
  await expect.poll(() => page.evaluate(() => window.ran), { message: "the page's own script and fetch ran" }).toEqual(['page-own', 'own-fetch:3']);
  await page.waitForLoadState('load');

  expect(log.requests.map((request) => request.url), 'tracker requests before consent').toEqual([]);
  expect(await page.evaluate(() => window.trackerRuns ?? []), 'tracker scripts executed before consent').toEqual([]);
  expect(await trackerCookies(context), 'tracker cookies before consent').toEqual([]);

  await page.evaluate(() => (window.ClinicConsent as ClinicConsentApi).acceptAll());
  await expect
    .poll(async () => [...((await page.evaluate(() => window.trackerRuns)) ?? [])].sort(), { message: 'held scripts run after accept', timeout: 15_000 })
    .toEqual(['linkedin-insight', 'tiktok-pixel', 'x-pixel']);
  expect(errors).toEqual([]);
});
