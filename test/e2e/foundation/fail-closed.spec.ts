// Failing closed: a broken config or an unusable IndexedDB means nothing optional runs, one clear
// console line says why, and no error ever reaches the clinic's page.
import { clinicConfig } from '../../support/configs.js';
import { expect, expectRuns, openGated, ran, state, test } from '../support/clinic-page.js';

test('an invalid config names the wrong field and runs nothing optional, even with a stored grant', async ({ context }) => {
  const first = await openGated(context, clinicConfig());
  await first.page.evaluate(() => window.ClinicConsent!.acceptAll());

  const config = clinicConfig();
  const broken = { ...config, categories: { ...config.categories, marketing: { services: [{ id: 'medisian-ads', name: 'Medisian', country: 'Korea' }] } } };
  const { page, errors, console } = await openGated(context, broken);
  expect(console.filter((line) => line.includes('CC_ERR_CONFIG_FIELD'))).toEqual([
    '[clinic-consent] CC_ERR_CONFIG_FIELD: wrong configuration field: categories.marketing.services[0].country: expected a two-letter ISO 3166-1 country code such as "KR" or "US", got "Korea" (only necessary cookies run)',
  ]);
  expect(await ran(page)).toEqual(['page-own']);
  expect(await state(page)).toMatchObject({ known: true, decided: false, categories: { necessary: true, analytics: false, marketing: false } });
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  expect(await ran(page), 'decisions are ignored while the config is broken').toEqual(['page-own']);
  await expect(page.locator('clinic-consent [part~="banner"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a config that is not JSON is reported and runs nothing optional', async ({ page }) => {
  const messages: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route('**/broken-json.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Broken</title><script>window.ran = []</script>
        <script type="application/json" id="cfg">{ "siteId": "x", </script>
        <script src="/dist/clinic-consent.js" data-config="cfg"></script>
        <script type="text/plain" data-consent="analytics">window.ran.push('analytics')</script></head><body></body></html>`,
    }),
  );
  await page.goto('/test/e2e/pages/foundation/broken-json.html');
  await page.evaluate(() => window.ClinicConsent!.ready);
  expect(messages.some((line) => line.startsWith('[clinic-consent] CC_ERR_CONFIG_JSON: configuration is not valid JSON: #cfg:'))).toBe(true);
  expect(await ran(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a page without any config says so and runs nothing optional', async ({ context }) => {
  const { page, console, errors } = await openGated(context, undefined);
  expect(console).toContain('[clinic-consent] CC_ERR_CONFIG_MISSING: no configuration found (only necessary cookies run)');
  expect(await ran(page)).toEqual(['page-own']);
  expect(errors).toEqual([]);
});

test('with IndexedDB unavailable: nothing runs before a choice, the choice works from the cookie, no page error', async ({ context }) => {
  // As in some private modes: every open fails.
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  const { page, errors, console } = await openGated(context, clinicConfig());
  expect(await ran(page)).toEqual(['page-own']);
  expect(console).toContain('[clinic-consent] CC_ERR_STORAGE_UNAVAILABLE: IndexedDB unavailable; the choice is kept in a cookie and memory only');

  await page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
  await expectRuns(page, ['page-own', 'analytics-inline-1', 'analytics-external', 'analytics-inline-2']);
  await page.reload();
  await expectRuns(page, ['page-own', 'analytics-inline-1', 'analytics-external', 'analytics-inline-2']);
  expect(errors).toEqual([]);
});

test('a corrupt IndexedDB record is ignored: the patient is asked again', async ({ context }) => {
  const first = await openGated(context, clinicConfig());
  await first.page.close();
  const plain = await context.newPage();
  await plain.goto('/test/e2e/pages/foundation/embed.html');
  await plain.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('cc-clinic');
        open.onsuccess = () => {
          const transaction = open.result.transaction('choice', 'readwrite');
          transaction.objectStore('choice').put({ format: 1, categories: 'all of them' }, 'choice');
          transaction.oncomplete = resolve;
        };
      }),
  );
  await plain.close();
  const { page, console, errors } = await openGated(context, clinicConfig());
  expect(console).toContain('[clinic-consent] CC_ERR_STORAGE_CORRUPT: stored choice unreadable; asking again');
  expect(await state(page)).toMatchObject({ decided: false, categories: { analytics: false } });
  expect(errors).toEqual([]);
});
