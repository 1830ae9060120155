// Helpers for the security end-to-end tests: pages made up by the test itself (any path, any
// Content-Security-Policy header), served through Playwright's routing so the real loader from
// dist/ runs on them exactly as on a clinic's page.
import type { BrowserContext, Page } from '@playwright/test';
import type { ClinicConsentConfig } from '../../../src/config/types.js';
import { watch, type Watched } from '../support/clinic-page.js';

export interface MadePage {
  /** The page's markup; `{{config}}` becomes the JSON config, `{{nonce}}` the page's nonce. */
  readonly html: string;
  readonly config?: ClinicConsentConfig | unknown;
  /** The Content-Security-Policy header; `{{nonce}}` is replaced as in the markup. */
  readonly csp?: string;
}

/** Serves `made` at `url` (absolute, or a path on the test server) for every page of the context. */
export async function servePage(context: BrowserContext, url: string, made: MadePage): Promise<void> {
  await context.route(url, (route) => {
    const nonce = Math.random().toString(36).slice(2);
    const fill = (text: string) =>
      text.replaceAll('{{nonce}}', nonce).replaceAll('{{config}}', JSON.stringify(made.config ?? null).replaceAll('<', '\\u003c'));
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: made.csp ? { 'content-security-policy': fill(made.csp) } : {},
      body: fill(made.html),
    });
  });
}

/** Opens `url` in a new watched page and waits until the SDK is ready. */
export async function openMade(context: BrowserContext, url: string): Promise<Watched & { page: Page }> {
  const page = await context.newPage();
  const watched = await watch(page);
  await page.goto(url);
  await page.evaluate(() => window.ClinicConsent!.ready);
  return watched;
}

/** The head of a made page: the run log, the config as JSON and the loader (all with the nonce). */
export const madeHead = `<meta charset="utf-8"><title>Made page</title>
<script nonce="{{nonce}}" src="/test/e2e/pages/foundation/record-runs.js"></script>
<script nonce="{{nonce}}" type="application/json" id="clinic-consent-config">{{config}}</script>
<script nonce="{{nonce}}" src="/dist/clinic-consent.js" data-config="clinic-consent-config"></script>`;
