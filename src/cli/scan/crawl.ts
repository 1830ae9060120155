// The crawl: same-origin links only, breadth first, one page at a time with a pause between
// requests, robots.txt respected, a user agent that says what it is. Each page is opened twice, in
// fresh contexts: once as a patient who has not chosen, once clicking "accept all".
import type * as Playwright from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';
import { createMatcher } from '../../blockers/guards/match.js';
import { catalogEntries } from '../../blockers/trackers.js';
import { ScanError } from './chrome.js';
import { buildReport, type ScannedPage, type ScanReport } from './report.js';
import { robotsRules } from './robots.js';
import { visitPage, type Visit } from './visit.js';

export const PRODUCT = 'ClinicConsentScanner';
export const PROJECT_URL = 'https://www.npmjs.com/package/clinic-consent';

export interface ScanOptions {
  readonly url: string;
  /** Pages to scan at most (default 50). */
  readonly pages?: number;
  /** Pause before each page load after the first, in ms (default 500). */
  readonly delayMs?: number;
  /** The longest wait for a page to fall quiet after load and after the click (default 3000). */
  readonly settleMs?: number;
  readonly executablePath: string;
  readonly version: string;
  /** One line per page; the command writes them to stderr. */
  readonly log?: (line: string) => void;
  /** For tests: prepares each fresh context (routes tracker hosts to stand-ins on a closed network). */
  readonly prepareContext?: (context: BrowserContext) => Promise<unknown>;
}

/** Pages worth opening: same origin, no fragment, not a file download. */
function pageUrl(href: string, origin: string): string | undefined {
  try {
    const url = new URL(href);
    if (url.origin !== origin) return undefined;
    if (/\.(?:pdf|jpe?g|png|gif|webp|svg|ico|zip|docx?|xlsx?|pptx?|hwp|mp4|mp3|css|js|json|xml|txt)$/i.test(url.pathname)) return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

async function readRobots(origin: string, userAgent: string): Promise<(path: string) => boolean> {
  try {
    const response = await fetch(`${origin}/robots.txt`, { headers: { 'user-agent': userAgent }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return () => true;
    return robotsRules(await response.text(), PRODUCT);
  } catch {
    return () => true;
  }
}

async function loadPlaywright(): Promise<typeof Playwright> {
  try {
    return await import('playwright-core');
  } catch {
    throw new ScanError(
      'The scan drives Chromium with playwright-core, which is not installed. Install it next to clinic-consent (npm install --save-dev playwright-core@1.65.1), or run: npx -p playwright-core@1.65.1 -p clinic-consent clinic-consent scan <url>',
    );
  }
}

export async function scanSite(options: ScanOptions): Promise<ScanReport> {
  let start: URL;
  try {
    start = new URL(options.url);
  } catch {
    throw new ScanError(`${options.url} is not a URL: give the site's address, such as https://www.example-clinic.kr/`);
  }
  if (start.protocol !== 'http:' && start.protocol !== 'https:') throw new ScanError(`${options.url}: only http and https sites can be scanned.`);
  const limit = options.pages ?? 50;
  const delayMs = options.delayMs ?? 500;
  const settleMs = options.settleMs ?? 3000;
  const log = options.log ?? (() => undefined);
  const userAgent = `${PRODUCT}/${options.version} (+${PROJECT_URL})`;
  const allowed = await readRobots(start.origin, userAgent);

  const entries = catalogEntries();
  const match = createMatcher(entries);
  const { chromium } = await loadPlaywright();
  // Launched at the first page to open, so a site robots.txt closes entirely costs no browser.
  let browser: Browser | undefined;
  const launch = () => chromium.launch({ executablePath: options.executablePath, headless: true, args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const queue = [pageUrl(start.href, start.origin) as string];
  const queued = new Set(queue);
  const pages: ScannedPage[] = [];
  const skipped: { url: string; reason: string }[] = [];
  let loads = 0;
  const visit = async (url: string, accept: boolean) => {
    if (loads++ && delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    browser ??= await launch();
    return visitPage(browser, url, { userAgent, settleMs, accept, prepareContext: options.prepareContext });
  };
  try {
    while (queue.length) {
      const url = queue.shift() as string;
      const { pathname, search } = new URL(url);
      if (!allowed(pathname + search)) {
        skipped.push({ url, reason: 'disallowed by robots.txt' });
        continue;
      }
      if (pages.length >= limit) {
        skipped.push({ url, reason: `beyond --pages ${limit}` });
        continue;
      }
      let before: Visit;
      let after: Visit;
      try {
        before = await visit(url, false);
        if (!before.html) {
          skipped.push({ url, reason: `not an HTML page (HTTP ${before.status})` });
          continue;
        }
        after = await visit(url, true);
      } catch (error) {
        // One page that does not load (a timeout, a crashed tab) is reported, not fatal to the scan.
        skipped.push({ url, reason: `did not load: ${(error as Error).message.split('\n')[0]}` });
        log(`[skipped] ${url}: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      pages.push({ url, before, after });
      const trackerRequests = (visited: Visit) => visited.requests.filter((request) => match.url(request.url)).length;
      log(
        `[${pages.length}/${limit}] ${url}: ${trackerRequests(before)} tracker request(s) before a choice, ${after.accepted ? `${trackerRequests(after)} after accepting` : 'no banner to accept'}`,
      );
      for (const link of before.links) {
        const next = pageUrl(link, start.origin);
        if (next && !queued.has(next)) {
          queued.add(next);
          queue.push(next);
        }
      }
    }
  } finally {
    await browser?.close();
  }
  return buildReport({ start: start.href, version: options.version, userAgent, pages, skipped, match, entries });
}
