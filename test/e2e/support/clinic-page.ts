// Shared end-to-end helpers: a test page opened with a given config, with every page error,
// console warning and CSP violation collected, so each test can assert that none escaped.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import type { ClinicConsentApi } from '../../../src/api.js';
import type { ClinicConsentConfig } from '../../../src/config/types.js';
import type { ConsentSnapshot } from '../../../src/consent/types.js';

declare global {
  interface Window {
    ran: string[];
    cspViolations: string[];
    ClinicConsent?: ClinicConsentApi;
  }
}

export interface Watched {
  readonly page: Page;
  /** Uncaught errors in the page: must stay empty. */
  readonly errors: string[];
  /** Console warnings and errors, for the messages the SDK must print. */
  readonly console: string[];
}

/** Watches a page's errors, console and CSP violations; call before navigating. */
export async function watch(page: Page): Promise<Watched> {
  const watched: Watched = { page, errors: [], console: [] };
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') watched.console.push(message.text());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return watched;
}

/** Opens the gated test page with `config` as window.ClinicConsentConfig (set before any script runs). */
export async function openGated(context: BrowserContext, config: ClinicConsentConfig | unknown, path = '/test/e2e/pages/foundation/gated.html'): Promise<Watched> {
  const page = await context.newPage();
  const watched = await watch(page);
  await page.addInitScript((value) => {
    (window as { ClinicConsentConfig?: unknown }).ClinicConsentConfig = value;
  }, config);
  await page.goto(path);
  await ready(page);
  return watched;
}

export const ready = (page: Page): Promise<ConsentSnapshot> => page.evaluate(() => window.ClinicConsent!.ready);
export const state = (page: Page): Promise<ConsentSnapshot> => page.evaluate(() => window.ClinicConsent!.getState());
export const ran = (page: Page): Promise<string[]> => page.evaluate(() => window.ran);

/** Cookie names the page can see. */
export const cookieNames = async (page: Page): Promise<string[]> =>
  (await page.evaluate(() => document.cookie)).split('; ').filter(Boolean).map((pair) => pair.split('=')[0]!).sort();

/**
 * Waits until the page's run log holds `expected`: the gated scripts in this order, each once, plus
 * the page's own script once. (For a returning visitor gated scripts may start before the page's
 * own external script, which runs when its download finishes.)
 */
export async function expectRuns(page: Page, expected: string[]): Promise<void> {
  const gated = (runs: string[]) => runs.filter((name) => name !== 'page-own');
  await expect.poll(async () => gated(await ran(page)), { message: 'gated scripts that ran, in order' }).toEqual(gated(expected));
  const own = expected.filter((name) => name === 'page-own').length;
  expect((await ran(page)).filter((name) => name === 'page-own'), 'the page\'s own script ran once').toHaveLength(own);
}

export const test = base;
export { expect };
