// Two environments a clinic page may impose: a strict header CSP with a nonce and Trusted Types,
// and Google tags that expect Consent Mode v2 signals before they run.
import { clinicConfig } from '../../support/configs.js';
import { expect, expectRuns, openGated, test, watch } from '../support/clinic-page.js';

test('a gated inline script runs under a header CSP with a nonce and Trusted Types; one without the nonce is never activated', async ({ page }) => {
  const { errors } = await watch(page);
  const response = await page.goto('/test/e2e/pages/foundation/csp.html');
  expect(response?.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
  await page.evaluate(() => window.ClinicConsent!.ready);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expectRuns(page, ['analytics-inline-1', 'analytics-external']);
  const violations = await page.evaluate(() => window.cspViolations);
  // The gate leaves a script without the loader's nonce inert (issue 13), so the CSP has nothing to refuse.
  expect(violations, 'no script was even attempted without the nonce').toEqual([]);
  expect(errors).toEqual([]);
});

test('Consent Mode v2: defaults before any tag, an update once known and on every decision', async ({ context }) => {
  const { page } = await openGated(context, clinicConfig());
  const commands = () => page.evaluate(() => window.dataLayer!.map((entry) => JSON.parse(JSON.stringify(Array.from(entry as ArrayLike<unknown>)))));
  const denied = { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' };
  const fixed = { functionality_storage: 'granted', personalization_storage: 'granted', security_storage: 'granted' };
  expect(await commands()).toEqual([
    ['consent', 'default', { ...denied, ...fixed, wait_for_update: 500 }],
    ['consent', 'update', { ...denied, ...fixed }],
  ]);
  expect(await page.evaluate(() => Object.prototype.toString.call(window.dataLayer![0])), 'gtag pushes Arguments, as Google\'s snippet does').toBe('[object Arguments]');

  await page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
  expect((await commands()).at(-1)).toEqual(['consent', 'update', { ...denied, analytics_storage: 'granted', ...fixed }]);

  const returning = await openGated(context, clinicConfig());
  const first = await returning.page.evaluate(() => window.dataLayer!.slice(0, 2).map((entry) => Array.from(entry as ArrayLike<unknown>)[1]));
  expect(first, 'a returning visitor gets the update right after the defaults').toEqual(['default', 'update']);
});

test('warns when Google tags ran before the loader', async ({ context }) => {
  await context.addInitScript(() => {
    window.dataLayer = [{ event: 'gtm.js', 'gtm.start': Date.now() }];
  });
  const { console } = await openGated(context, clinicConfig());
  expect(console).toContain('[clinic-consent] CC_ERR_LATE_LOADER: Google tags ran before this script: place it first in <head>');
});
