// One visit of one page in a fresh browser context, as a first-time patient: every request, every
// cookie with what set it, the HTML source as served, the links, the form fields. With `accept`,
// the visit clicks the banner's "accept all" button the way a patient would, and what follows shows
// what the site does with consent.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isDeletion } from '../../blockers/guards/cookie.js';
import { readFields, type FieldInfo } from './forms.js';
import { isLoader } from './markup.js';

export interface RequestSeen {
  readonly url: string;
  readonly host: string;
  /** Playwright's resource type: document, script, image, xhr, fetch, ping, stylesheet… */
  readonly type: string;
}

export interface CookieSeen {
  readonly name: string;
  readonly domain: string;
  /** ISO date, or "session". */
  readonly expires: string;
  /** The URL of the response (Set-Cookie) or script (document.cookie) that set it, when known. */
  readonly setBy?: { readonly via: 'response' | 'script'; readonly url: string };
}

/** A cookie written during the visit (not a deletion), kept even if something removed it later. */
export interface CookieWrite {
  readonly name: string;
  readonly via: 'response' | 'script';
  readonly url: string;
}

export interface Visit {
  readonly url: string;
  readonly status: number;
  readonly html: boolean;
  readonly source: string;
  readonly title: string;
  readonly links: readonly string[];
  readonly fields: readonly FieldInfo[];
  readonly requests: readonly RequestSeen[];
  readonly cookies: readonly CookieSeen[];
  readonly written: readonly CookieWrite[];
  /** For the accept visit: whether the banner's accept-all button was found and clicked. */
  readonly accepted: boolean;
}

export interface VisitOptions {
  readonly userAgent: string;
  /** At most this long to wait for the page to fall quiet, after load and after the click. */
  readonly settleMs: number;
  readonly accept: boolean;
  /** For tests: runs on each fresh context before the page opens (routes, say). */
  readonly prepareContext?: (context: BrowserContext) => Promise<unknown>;
}

const BINDING = '__clinicConsentScanCookie';

/**
 * Runs before any script of the page: records each `document.cookie` write with the stack that made
 * it. The loader's cookie guard wraps this setter in turn, so a write it drops is never recorded.
 */
function recordCookieWrites(binding: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  const set = descriptor?.set;
  if (!descriptor || !set) return;
  Object.defineProperty(Document.prototype, 'cookie', {
    ...descriptor,
    set(this: Document, value: unknown) {
      set.call(this, value);
      try {
        const report = (window as unknown as Record<string, unknown>)[binding];
        if (typeof report === 'function') report(String(value), String(new Error().stack));
      } catch {
        // The page's cookie write must never fail because of the scanner.
      }
    },
  });
}

/** The first script URL on a stack that is neither the scanner's nor the loader's wrapper. */
export function scriptOnStack(stack: string): string | undefined {
  for (const [, url] of stack.matchAll(/((?:https?|file):\/\/[^\s()]+?):\d+:\d+/g)) {
    if (url && !isLoader(url)) return url;
  }
  return undefined;
}

const cookieName = (header: string) => header.slice(0, header.search(/[=;]|$/)).trim();

/** Waits until no request has started for 400 ms, or `ms` have passed. */
async function settle(page: Page, lastRequest: () => number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && Date.now() - lastRequest() < 400) await page.waitForTimeout(100);
}

export async function visitPage(browser: Browser, url: string, options: VisitOptions): Promise<Visit> {
  const context = await browser.newContext({ userAgent: options.userAgent, serviceWorkers: 'block' });
  try {
    await options.prepareContext?.(context);
    const written: CookieWrite[] = [];
    const setters = new Map<string, CookieSeen['setBy']>();
    const wrote = (line: string, via: CookieWrite['via'], url: string | undefined) => {
      const name = cookieName(line);
      if (!name || !url || isDeletion(line)) return;
      written.push({ name, via, url });
      setters.set(name, { via, url });
    };
    const requests: RequestSeen[] = [];
    const pending: Promise<unknown>[] = [];
    let lastRequest = Date.now();
    await context.exposeBinding(BINDING, (_source, value: string, stack: string) => wrote(String(value), 'script', scriptOnStack(String(stack))));
    await context.addInitScript(recordCookieWrites, BINDING);
    context.on('request', (request) => {
      lastRequest = Date.now();
      try {
        requests.push({ url: request.url(), host: new URL(request.url()).hostname, type: request.resourceType() });
      } catch {
        // A URL Node cannot parse is no host to report.
      }
    });
    context.on('response', (response) => {
      pending.push(
        response.headersArray().then(
          (headers) => {
            for (const { name, value } of headers) {
              if (name.toLowerCase() !== 'set-cookie') continue;
              for (const line of value.split('\n')) wrote(line, 'response', response.url());
            }
          },
          () => undefined,
        ),
      );
    });

    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const contentType = response ? ((await response.headerValue('content-type')) ?? '') : '';
    const html = /html/i.test(contentType);
    const source = html && response ? await response.text().catch(() => '') : '';
    await settle(page, () => lastRequest, options.settleMs);

    let accepted = false;
    if (options.accept && html && (await page.locator('clinic-consent').count())) {
      const button = page.locator('clinic-consent [part~="accept"]').first();
      accepted = await button.click({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (accepted) {
        lastRequest = Date.now();
        await settle(page, () => lastRequest, options.settleMs);
      }
    }

    const [title, links, fields] = html
      ? await Promise.all([
          page.title(),
          page.$$eval('a[href], area[href]', (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href)),
          page.evaluate(readFields),
        ])
      : ['', [], []];
    await Promise.all(pending);
    const cookies = (await context.cookies()).map((cookie) => ({
      name: cookie.name,
      domain: cookie.domain,
      expires: cookie.expires > 0 ? new Date(cookie.expires * 1000).toISOString() : 'session',
      setBy: setters.get(cookie.name),
    }));
    return { url: page.url(), status: response?.status() ?? 0, html, source, title, links, fields, requests, cookies, written, accepted };
  } finally {
    await context.close();
  }
}
