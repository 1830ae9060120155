// Gated markup the clinic's own code inserts through innerHTML (issue 13, defect 7): the browser marks
// such a script "already started", and a copy that kept the mark never loaded, so the gate waited
// for it for ever and every later gated script of the page, the clinic's own analytics included,
// never ran. The gate now makes a copy that can run, and waits for no load longer than a bound.
import { clinicConfig } from '../../support/configs.js';
import { expect, ran, test } from '../support/clinic-page.js';
import { madeHead, openMade, servePage } from '../security/support.js';

// A page without nonces: the gate checks a nonce only where the loader has one.
const head = madeHead.replaceAll(' nonce="{{nonce}}"', '');

test('a gated script inserted through innerHTML runs after "Accept all", and so do the ones after it', async ({ context }) => {
  const inserted = `<script type="text/plain" data-consent="analytics" src="/test/e2e/pages/foundation/analytics-tag.js"></script>`;
  await servePage(context, '**/made/inner-html.html', {
    config: clinicConfig(),
    html: `<!doctype html><html lang="en"><head>${head}</head><body><main><h1>Clinic</h1>
      <div id="widget"></div>
      <script>document.getElementById('widget').innerHTML = ${JSON.stringify(inserted).replaceAll('</', '<\\/')};</script>
      <script type="text/plain" data-consent="analytics">window.ran.push('analytics-after');</script>
      </main></body></html>`,
  });
  const { page, errors } = await openMade(context, '/made/inner-html.html');
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expect.poll(() => ran(page), { message: 'both gated scripts ran, in page order' }).toEqual(['analytics-external', 'analytics-after']);
  expect(errors).toEqual([]);
});

test('a gated script that never finishes loading holds back the ones after it for a bounded time only', async ({ context }) => {
  await context.route('**/stalls.js', () => undefined);
  await servePage(context, '**/made/stalled.html', {
    config: clinicConfig(),
    html: `<!doctype html><html lang="en"><head>${head}
      <script type="text/plain" data-consent="analytics" src="/stalls.js"></script>
      <script type="text/plain" data-consent="analytics">window.ran.push('analytics-after');</script>
      </head><body><main><h1>Clinic</h1></main></body></html>`,
  });
  const { page } = await openMade(context, '/made/stalled.html');
  await page.clock.install();
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await page.clock.runFor(11_000);
  await expect.poll(() => ran(page), { message: 'the script after the stalled one ran' }).toEqual(['analytics-after']);
});

test('a gated element whose source is not a URL is left inert, with no error in the page', async ({ context }) => {
  await servePage(context, '**/made/broken-src.html', {
    config: clinicConfig(),
    html: `<!doctype html><html lang="en"><head>${head}
      <script type="text/plain" data-consent="analytics" src="https://[::1"></script>
      <script type="text/plain" data-consent="analytics">window.ran.push('analytics-after');</script>
      </head><body><main><h1>Clinic</h1><iframe data-consent="analytics" data-src="http://[" title="x"></iframe></main></body></html>`,
  });
  const { page, errors } = await openMade(context, '/made/broken-src.html');
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['analytics-after']);
  await page.evaluate(() => {
    const late = document.createElement('script');
    late.type = 'text/plain';
    late.setAttribute('data-consent', 'analytics');
    late.setAttribute('src', 'https://[::1');
    document.body.append(late);
    return new Promise((resolve) => setTimeout(resolve, 100));
  });
  expect(errors).toEqual([]);
});
