// Sensitive pages with non-ASCII paths (issue 13, defect 1): the browser percent-encodes
// location.pathname, so "/예약" in a config once never matched and trackers ran on the booking page.
// Also: a sensitive page's path and query (a name, a phone) stay out of the next page's referrer,
// and the receipt requests made there carry no Referer with a query string.
import { clinicConfig } from '../../support/configs.js';
import { expect, ran, test } from '../support/clinic-page.js';
import { madeHead, openMade, servePage } from './support.js';

const booking = `/${encodeURIComponent('예약')}`;
const query = `?name=${encodeURIComponent('김환자')}&phone=01012345678`;

let referers: string[] = [];
test.beforeEach(async ({ context }) => {
  referers = [];
  await context.route('**/consent-in', async (route) => {
    referers.push((await route.request().allHeaders()).referer ?? '');
    await route.fulfill({ status: 503 });
  });
  await servePage(context, `**${booking}*`, {
    config: clinicConfig({ tracking: { sensitivePaths: ['/예약'] }, receiptEndpoint: '/consent-in' }),
    html: `<!doctype html><html lang="ko"><head>${madeHead}
      <script type="text/plain" data-consent="analytics">window.ran.push('analytics-inline');</script>
      <script type="text/plain" data-consent="analytics" src="/test/e2e/pages/foundation/analytics-tag.js"></script>
      </head><body><main><h1>예약</h1><a id="next" href="/test/e2e/pages/foundation/embed.html">next</a></main></body></html>`,
  });
});

test('a Korean booking path is sensitive: after "Accept all" nothing optional runs there', async ({ context }) => {
  const { page, errors } = await openMade(context, `${booking}${query}`);
  expect(await page.evaluate(() => location.pathname)).toBe(booking);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  expect(await page.evaluate(() => window.ClinicConsent!.isGranted('analytics')), 'not on a sensitive page').toBe(false);
  // The receipts chunk loads, a receipt is posted: time enough for a wrongly released tag to run.
  await expect.poll(() => referers.length, { message: 'a receipt was posted' }).toBeGreaterThan(0);
  expect(await ran(page), 'no gated script ran on the booking page').toEqual([]);
  expect(errors).toEqual([]);
});

test('the next page sees the origin only as its referrer, and receipt requests carry no Referer', async ({ context }) => {
  const { page } = await openMade(context, `${booking}${query}`);
  await page.evaluate(() => window.ClinicConsent!.rejectAll());
  await expect.poll(() => referers.length, { message: 'a receipt was posted' }).toBeGreaterThan(0);
  expect(referers.filter(Boolean), 'receipt requests carry no Referer').toEqual([]);
  await page.click('#next');
  await page.waitForURL('**/embed.html');
  expect(await page.evaluate(() => document.referrer)).toBe(new URL('/', page.url()).href);
});
