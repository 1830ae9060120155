// The hostile page (issue 13): what reaches the SDK from outside its origin or through markup,
// tried the way an attacker would, each attempt counted, and the count of grants or tracker runs
// that got through asserted to be 0. Sibling subdomains are real hosts: Chromium maps *.clinic.test
// to 127.0.0.1, so blog.clinic.test can set a cookie for the whole of clinic.test as a real one would.
// Out of scope, as the README says: script already running in the page's own origin can call
// ClinicConsent.acceptAll() itself.
import type { BrowserContext, Page } from '@playwright/test';
import { chromiumForRunners } from '../../support/chromium.mjs';
import { clinicConfig } from '../../support/configs.js';
import { expect, openGated, ran, state, test } from '../support/clinic-page.js';
import { routeTrackers, trackerCookies } from '../tracking/support/trackers.js';
import { madeHead, openMade, servePage } from './support.js';

const chromium = chromiumForRunners();
test.use({
  launchOptions: { executablePath: chromium.executablePath, args: [...chromium.args, '--host-resolver-rules=MAP *.clinic.test 127.0.0.1'] },
});

const port = Number(process.env.E2E_PORT ?? 4173);
const GATED = '/test/e2e/pages/foundation/gated.html';
const WWW = `http://www.clinic.test:${port}`;
const BLOG = `http://blog.clinic.test:${port}`;
const banner = (page: Page) => page.locator('clinic-consent [part~="banner"]');
/** Gated scripts and trackers that ran: the page's own script is not one. */
const optionalRuns = async (page: Page) => (await ran(page)).filter((name) => name !== 'page-own');

/** A choice cookie value as the SDK itself writes it for "Accept all" (copied from a real decision). */
async function copiedGrant(context: BrowserContext): Promise<string> {
  const { page } = await openGated(context, clinicConfig());
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  const value = (await context.cookies()).find((cookie) => cookie.name.endsWith('cc_choice'))?.value;
  await page.close();
  await context.clearCookies();
  await context.clearPermissions();
  expect(value, 'the SDK wrote a choice cookie').toBeTruthy();
  return value!;
}

/** Sets `cookie` from a page of the sibling host, as an agency's landing page or a blog could. */
async function tossFromSibling(context: BrowserContext, cookie: string): Promise<void> {
  const sibling = await context.newPage();
  await sibling.goto(`${BLOG}/test/e2e/pages/foundation/embed.html`);
  await sibling.evaluate((text) => {
    document.cookie = text;
  }, cookie);
  await sibling.close();
}

test.describe('cookie tossing from a sibling subdomain', () => {
  test('a granted choice cookie set for the parent domain grants nothing and asks again', async ({ browser }) => {
    const source = await browser.newContext();
    const value = await copiedGrant(source);
    await source.close();

    const context = await browser.newContext();
    const attempts = [
      `cc_choice=${value}; Domain=clinic.test; Path=/`,
      `cc_choice=${value}; Domain=.clinic.test; Path=/; Max-Age=3600`,
    ];
    let through = 0;
    for (const cookie of attempts) {
      await context.clearCookies();
      await tossFromSibling(context, cookie);
      const { page, errors } = await openGated(context, clinicConfig(), `${WWW}${GATED}`);
      await expect(banner(page), 'the patient is asked').toBeVisible();
      const snapshot = await state(page);
      through += Number(snapshot.categories.analytics === true || snapshot.categories.marketing === true) + (await optionalRuns(page)).length;
      expect(errors).toEqual([]);
      await page.close();
    }
    expect(through, `grants or scripts that got through, of ${attempts.length} attempts`).toBe(0);
    await context.close();
  });

  test('a duplicate choice cookie on a deeper path cannot override a stored refusal', async ({ browser }) => {
    const source = await browser.newContext();
    const value = await copiedGrant(source);
    await source.close();

    const context = await browser.newContext();
    const first = await openGated(context, clinicConfig(), `${WWW}${GATED}`);
    await first.page.evaluate(() => window.ClinicConsent!.rejectAll());
    await first.page.close();
    // document.cookie lists the longer path first, so a naive reader takes the sibling's.
    await tossFromSibling(context, `cc_choice=${value}; Domain=clinic.test; Path=/test`);

    const { page } = await openGated(context, clinicConfig(), `${WWW}${GATED}`);
    expect(await page.evaluate(() => document.cookie.match(/cc_choice=/g)?.length), 'both cookies are visible').toBe(2);
    expect(await state(page)).toMatchObject({ decided: true, categories: { analytics: false, marketing: false } });
    expect(await optionalRuns(page), 'nothing optional ran, not even before IndexedDB was read').toEqual([]);
    await context.close();
  });
});

test.describe('injected gated markup under a strict-dynamic CSP', () => {
  const strictDynamic = "script-src 'nonce-{{nonce}}' 'strict-dynamic'; object-src 'none'; base-uri 'none'";
  const evil = (name: string) => `/evil/${name}.js`;
  // What stored XSS could leave in the page: gated markup without the page's nonce.
  const injected = [
    `<script type="text/plain" data-consent="necessary" src="${evil('necessary')}"></script>`,
    `<script type="text/plain" data-consent="analytics" src="${evil('analytics')}"></script>`,
    `<script type="text/plain" data-consent="analytics">window.ran.push('evil-inline')</script>`,
    `<script type="text/plain" data-consent="analytics" nonce="guess" src="${evil('guessed-nonce')}"></script>`,
    `<script type="text/plain" data-consent="analytics" src="data:text/javascript,window.ran.push('evil-data')"></script>`,
    `<iframe data-consent="marketing" data-src="javascript:parent.ran.push('evil-frame')"></iframe>`,
    `<script type="text/plain" data-consent="analytics" src="https://[::1"></script>`,
  ];
  let fetched: string[];

  test.beforeEach(async ({ context }) => {
    fetched = [];
    await context.route('**/evil/*', (route) => {
      fetched.push(new URL(route.request().url()).pathname);
      return route.fulfill({ contentType: 'text/javascript', body: `window.ran.push('evil')` });
    });
  });

  for (const via of ['the parser', 'innerHTML'] as const) {
    test(`markup injected through ${via} never runs, before or after "Accept all"; the clinic's own gated script does`, async ({ context }) => {
      const markup = injected.join('\n');
      const body =
        via === 'the parser'
          ? markup
          : `<div id="comments"></div><script nonce="{{nonce}}">document.getElementById('comments').innerHTML = ${JSON.stringify(markup).replaceAll("</", "<\\/")};</script>`;
      await servePage(context, '**/made/strict-dynamic.html', {
        config: clinicConfig(),
        csp: strictDynamic,
        html: `<!doctype html><html lang="en"><head>${madeHead}
          <script nonce="{{nonce}}" type="text/plain" data-consent="analytics">window.ran.push('own-gated')</script>
          </head><body><main><h1>Reviews</h1>${body}</main></body></html>`,
      });
      const { page, errors } = await openMade(context, '/made/strict-dynamic.html');
      expect(await optionalRuns(page), 'before any choice').toEqual([]);
      await page.evaluate(() => window.ClinicConsent!.acceptAll());
      await expect.poll(() => ran(page), { message: "the clinic's own gated script runs" }).toContain('own-gated');
      // The gate works in document order: once the page's own script ran, every injected one was passed over.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
      const through = [...fetched, ...(await ran(page)).filter((name) => name.startsWith('evil'))];
      expect(through, `injected scripts that got through, of ${injected.length} attempts`).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

test('a forged tab message never leaves a grant without a stored record', async ({ context }) => {
  const victim = await openGated(context, clinicConfig());
  const forger = await context.newPage();
  await forger.goto('/test/e2e/pages/foundation/embed.html');
  const forged = (decidedAt: number) => ({
    format: 1,
    consentId: 'forged',
    decidedAt,
    expiresAt: decidedAt + 86_400_000,
    policyVersion: '2024-05',
    method: 'accept-all',
    fingerprints: {},
    categories: { necessary: true, analytics: true, marketing: true },
    services: { 'site-analytics': true, 'medisian-ads': true },
  });
  const attempts = [forged(Date.now()), forged(Date.now() + 60_000), forged(0)];
  let through = 0;
  for (const record of attempts) {
    await forger.evaluate((message) => new BroadcastChannel('cc-clinic-choice').postMessage(message), record);
    // A real message is applied within a task or two; give a forged one more than that.
    await victim.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const snapshot = await state(victim.page);
    through += Number(snapshot.categories.analytics === true || snapshot.categories.marketing === true || snapshot.consentId === 'forged');
  }
  through += (await optionalRuns(victim.page)).length;
  expect(through, `grants or scripts that got through, of ${attempts.length} forged messages`).toBe(0);

  // Once the patient has decided, an older record (a replayed message) does not undo it either.
  await victim.page.evaluate(() => window.ClinicConsent!.rejectAll());
  await forger.evaluate((message) => new BroadcastChannel('cc-clinic-choice').postMessage(message), forged(1));
  await victim.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(await state(victim.page)).toMatchObject({ decided: true, method: 'reject-all', categories: { analytics: false } });
});

test('a tracker that retries after the refusal, every way it can, gets no request out and sets no cookie', async ({ context }) => {
  const trackers = await routeTrackers(context);
  // The page's own code (not gated, not in the catalog) keeps trying to reach trackers for 2 s.
  const retrying = `
    window.attempts = 0;
    document.addEventListener('clinic-consent:change', function () {
      if (window.retrying || !window.ClinicConsent.getState().decided || window.ClinicConsent.isGranted('analytics')) return;
      window.retrying = true;
      var n = 0;
      var timer = setInterval(function () {
        var ways = [
          function () { var s = document.createElement('script'); s.src = 'https://www.googletagmanager.com/gtag/js?id=G-RETRY' + n; document.head.appendChild(s); },
          function () { new Image().src = 'https://www.facebook.com/tr?id=1&ev=Retry' + n; },
          function () { fetch('https://region1.google-analytics.com/g/collect?v=2&n=' + n, { method: 'POST', mode: 'no-cors', body: 'e' }).catch(function () {}); },
          function () { navigator.sendBeacon('https://wcs.naver.com/m?n=' + n, 'pv'); },
          function () { var x = new XMLHttpRequest(); x.open('POST', 'https://analytics.tiktok.com/api/v2/pixel?n=' + n); x.send('e'); },
          function () { document.cookie = '_ga=GA1.1.' + n + '; path=/; max-age=3600'; },
          function () { var f = document.createElement('iframe'); f.src = 'https://www.facebook.com/tr?id=1&frame=' + n; document.body.append(f); },
          function () { document.body.insertAdjacentHTML('beforeend', '<img src="https://px.ads.linkedin.com/collect/?pid=1&n=' + n + '">'); },
          function () { var d = document.createElement('div'); d.innerHTML = '<script src="https://www.clarity.ms/tag/retry' + n + '"><\\/script>'; document.body.append(d); },
        ];
        ways.forEach(function (way) { window.attempts++; try { way(); } catch (e) {} });
        if (++n === 20) clearInterval(timer);
      }, 100);
    });`;
  await servePage(context, '**/made/retrying.html', {
    config: clinicConfig(),
    html: `<!doctype html><html lang="en"><head>${madeHead.replaceAll(' nonce="{{nonce}}"', '')}<script>${retrying}</script></head><body><main><h1>Clinic</h1></main></body></html>`,
  });
  const { page, errors } = await openMade(context, '/made/retrying.html');
  await page.evaluate(() => window.ClinicConsent!.rejectAll());
  await expect.poll(() => page.evaluate(() => (window as unknown as { attempts: number }).attempts), { message: 'every attempt was made', timeout: 10_000 }).toBe(180);
  // Let anything a guard missed reach the network.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  expect(trackers.requests.map((request) => request.url), 'tracker requests that got through, of 180 attempts').toEqual([]);
  expect(await trackerCookies(context), 'tracker cookies set').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { trackerRuns?: string[] }).trackerRuns ?? []), 'tracker scripts that ran').toEqual([]);
  expect(errors).toEqual([]);
});
