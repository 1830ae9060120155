// The choice cookie's domain: host-only unless the config names one, and a named domain the browser
// refuses (a public suffix such as github.io, for a clinic on clinic.github.io) falls back to
// host-only instead of losing the synchronous decision on every visit (issue 13, defect 5).
import { chromiumForRunners } from '../../support/chromium.mjs';
import { clinicConfig } from '../../support/configs.js';
import { expect, openGated, state, test } from '../support/clinic-page.js';

const chromium = chromiumForRunners();
test.use({
  launchOptions: { executablePath: chromium.executablePath, args: [...chromium.args, '--host-resolver-rules=MAP clinic.github.io 127.0.0.1, MAP *.clinic.test 127.0.0.1'] },
});

const port = Number(process.env.E2E_PORT ?? 4173);
const GATED = '/test/e2e/pages/foundation/gated.html';

for (const [host, cookieDomain] of [
  ['clinic.github.io', 'github.io'],
  ['www.clinic.test', 'elsewhere.test'],
] as const) {
  test(`on ${host} a refused Domain=${cookieDomain} falls back to a host-only cookie, so the next visit is decided at once`, async ({ context }) => {
    const url = `http://${host}:${port}${GATED}`;
    const first = await openGated(context, clinicConfig({ cookieDomain }), url);
    await first.page.evaluate(() => window.ClinicConsent!.acceptAll());
    expect(await first.page.evaluate(() => document.cookie), 'the choice cookie was kept').toMatch(/(^|; )cc_choice=1/);
    await first.page.close();

    const next = await context.newPage();
    await next.addInitScript((config) => Object.assign(window, { ClinicConsentConfig: config }), clinicConfig({ cookieDomain }));
    await next.goto(url);
    // Read before IndexedDB can answer: the loader decided from the cookie alone (it may only refuse,
    // being a plain cookie on http, but it is known: no banner is fetched for a returning visitor).
    expect((await state(next)).known, 'decided synchronously from the cookie').toBe(true);
  });
}

test('a named cookieDomain shares the choice with m., where it may refuse but not grant until m. has its own record', async ({ context }) => {
  const config = clinicConfig({ cookieDomain: 'clinic.test' });
  const www = await openGated(context, config, `http://www.clinic.test:${port}${GATED}`);
  await www.page.evaluate(() => window.ClinicConsent!.acceptAll());
  const mobile = await openGated(context, config, `http://m.clinic.test:${port}${GATED}`);
  expect(await mobile.page.evaluate(() => document.cookie), 'the shared cookie reaches m.').toMatch(/(^|; )cc_choice=1/);
  expect(await state(mobile.page)).toMatchObject({ decided: false, categories: { analytics: false, marketing: false } });

  await www.page.evaluate(() => window.ClinicConsent!.rejectAll());
  const refused = await openGated(context, config, `http://m.clinic.test:${port}${GATED}`);
  expect(await state(refused.page), 'a shared refusal is honoured').toMatchObject({ decided: true, method: 'reject-all', categories: { analytics: false } });
});

test('a refusal deletes a refused service cookie on the parent domain too, not only on the host', async ({ context }) => {
  const www = await openGated(context, clinicConfig(), `http://www.clinic.test:${port}${GATED}`);
  // Set as the tracker's own script would have on an earlier visit: for every host of the site.
  await context.addCookies([{ name: '_ga', value: 'GA1.2.3', domain: '.clinic.test', path: '/' }]);
  expect((await context.cookies(`http://www.clinic.test:${port}/`)).map((cookie) => cookie.name)).toContain('_ga');
  await www.page.evaluate(() => window.ClinicConsent!.rejectAll());
  expect((await context.cookies(`http://www.clinic.test:${port}/`)).map((cookie) => cookie.name), 'the parent-domain cookie is gone').not.toContain('_ga');
});
