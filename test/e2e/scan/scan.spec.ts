// `clinic-consent scan` end to end: a fixture clinic site with vendor snippets pasted as-is (GA4,
// Meta pixel with its <noscript> image, Kakao pixel, a markup <img> pixel, Naver pasted above the
// loader, a booking form under /예약/, a hostile title, a host the catalog does not know) is crawled
// in a real Chromium; tracker hosts answer with the tracking suite's stand-ins, since this machine
// has no outside network. The report must find everything planted and nothing else. The demo site
// is scanned through the built command, as a clinic would run it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { scanSite } from '../../../src/cli/scan/crawl.js';
import { htmlReport } from '../../../src/cli/scan/html-report.js';
import type { ScanReport } from '../../../src/cli/scan/report.js';
import { checkConfig } from '../../../src/config/check.js';
import { chromiumForRunners } from '../../support/chromium.mjs';
import { routeTrackers } from '../tracking/support/trackers.js';
import { serveFixtureSite, type FixtureSite } from './site-server.js';

const run = promisify(execFile);
const chrome = chromiumForRunners().executablePath;
const version = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')).version as string;

test.describe('scan of a site with pasted snippets', () => {
  let site: FixtureSite;
  let report: ScanReport;
  const progress: string[] = [];
  const path = (url: string) => decodeURI(new URL(url).pathname);

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    site = await serveFixtureSite();
    report = await scanSite({ url: `${site.origin}/`, delayMs: 0, settleMs: 1000, executablePath: chrome, version, log: (line) => progress.push(line), prepareContext: routeTrackers });
  });
  test.afterAll(() => site?.close());

  test('crawls same-origin pages one by one, keeps out of what robots.txt disallows, says who it is', () => {
    expect(report.pages.map((page) => path(page.url)).sort()).toEqual(['/', '/about.html', '/blog/late.html', '/news/hostile.html', '/예약/']);
    expect(report.skipped.map((entry) => [path(entry.url), entry.reason.replace(/:.*/, ':')]).sort()).toEqual([
      ['/broken.html', 'did not load:'],
      ['/privacy.html', 'not an HTML page (HTTP 404)'],
      ['/private.html', 'disallowed by robots.txt'],
    ]);
    expect(site.requested, 'robots.txt was read, the disallowed page never asked for').toContain('/robots.txt');
    expect(site.requested).not.toContain('/private.html');
    expect(progress.filter((line) => !line.startsWith('[skipped]'))).toHaveLength(5);
    expect(progress[0]).toMatch(/^\[1\/50\] http:\/\/127\.0\.0\.1:\d+\/: 3 tracker request\(s\) before a choice, \d+ after accepting$/);
    expect(report.tool.userAgent).toBe(`ClinicConsentScanner/${version} (+https://www.npmjs.com/package/clinic-consent)`);
  });

  test('finds every leak before a choice, with the line to fix, and nothing else', () => {
    const leaks = report.leaks.map((leak) => [path(leak.page), leak.kind, leak.service, leak.line ?? leak.cookie ?? new URL(leak.url as string).pathname]);
    expect(leaks.sort()).toEqual(
      [
        ['/', 'markup', 'google-analytics', 10],
        ['/', 'markup', 'kakao-pixel', 35],
        ['/', 'markup', 'x-pixel', 52],
        ['/blog/late.html', 'markup', 'naver-analytics', 6],
        ['/blog/late.html', 'request', 'naver-analytics', '/b'],
        ['/blog/late.html', 'request', 'naver-analytics', '/m'],
        ['/blog/late.html', 'cookie', 'naver-analytics', 'wcs_bt'],
      ].sort(),
    );
    const late = report.leaks.find((leak) => leak.kind === 'cookie');
    expect(late?.setBy).toBe('the script http://wcs.naver.net/wcslog.js');
    expect(late?.fix).toContain('Move the Clinic Consent loader to the top of <head>, before //wcs.naver.net/wcslog.js');
    const markup = report.leaks.find((leak) => leak.kind === 'markup');
    expect(markup?.fix).toContain('npx clinic-consent gate');
    expect(markup?.fix).toContain('npm run gate-snippets');
  });

  test('records cookies with what set them, party and expiry', () => {
    const page = (suffix: string) => report.pages.find((entry) => path(entry.url) === suffix)!;
    const booking = page('/예약/').beforeChoice.cookies;
    expect(booking).toEqual([{ name: 'booking_session', domain: '127.0.0.1', expires: 'session', party: 'first', service: 'unknown', setBy: `the response of ${site.origin}/%EC%98%88%EC%95%BD/` }]);
    expect(page('/').beforeChoice.cookies, 'no cookie on the home page before a choice').toEqual([]);
    const accepted = page('/').afterAccept;
    expect(accepted.accepted).toBe(true);
    const byName = Object.fromEntries(accepted.cookies.map((cookie) => [cookie.name, cookie]));
    expect(Object.keys(byName).sort()).toEqual(['__Host-cc_choice', '_fbp', '_ga']);
    expect(byName._ga).toMatchObject({ service: 'google-analytics', party: 'first', setBy: 'the script https://www.googletagmanager.com/gtag/js?id=G-CLINIC0001' });
    expect(byName._fbp).toMatchObject({ service: 'meta-pixel', setBy: 'the script https://connect.facebook.net/en_US/fbevents.js' });
    expect(byName._ga?.expires).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byName['__Host-cc_choice']?.service).toBe('clinic-consent');
  });

  test('lists third-party hosts, matches scripts and pixels to the catalog, leaves unknown hosts unclassified', () => {
    const home = report.pages.find((page) => path(page.url) === '/')!;
    expect(home.beforeChoice.thirdPartyHosts).toEqual(['analytics.twitter.com', 't1.daumcdn.net', 'widget.booking-partner.example', 'www.googletagmanager.com']);
    expect(home.beforeChoice.resources.map((resource) => [resource.type, resource.service])).toEqual(
      expect.arrayContaining([
        ['script', 'google-analytics'],
        ['script', 'kakao-pixel'],
        ['image', 'x-pixel'],
        ['script', 'unknown'],
      ]),
    );
    expect(home.loader).toMatchObject({ found: true, first: true, line: 8 });
    const late = report.pages.find((page) => path(page.url) === '/blog/late.html')!;
    expect(late.loader).toMatchObject({ found: true, first: false, before: ['//wcs.naver.net/wcslog.js', 'inline script at line 7'] });
    expect(report.unknownHosts).toEqual([{ host: 'widget.booking-partner.example', pages: [`${site.origin}/`] }]);
    expect(report.trackers.map((tracker) => tracker.service)).toEqual(['google-analytics', 'naver-analytics', 'kakao-ads', 'kakao-pixel', 'meta-pixel', 'x-pixel']);
    const about = report.pages.find((page) => path(page.url) === '/about.html')!;
    expect(about.markup, 'gated markup is not a leak').toEqual([]);
    expect(about.afterAccept.resources.map((resource) => resource.service)).toEqual(expect.arrayContaining(['naver-analytics', 'x-pixel']));
  });

  test('finds the booking form as a sensitive page, and only it', () => {
    expect(report.sensitivePaths).toEqual([
      {
        path: '/예약',
        page: `${site.origin}/%EC%98%88%EC%95%BD/`,
        fields: [
          { kind: 'name', field: '이름', action: `${site.origin}/%EC%98%88%EC%95%BD/%EC%8B%A0%EC%B2%AD` },
          { kind: 'phone', field: '연락처', action: `${site.origin}/%EC%98%88%EC%95%BD/%EC%8B%A0%EC%B2%AD` },
          { kind: 'birth date', field: '생년월일', action: `${site.origin}/%EC%98%88%EC%95%BD/%EC%8B%A0%EC%B2%AD` },
          { kind: 'health', field: '증상', action: `${site.origin}/%EC%98%88%EC%95%BD/%EC%8B%A0%EC%B2%AD` },
        ],
      },
    ]);
  });

  test('drafts a config that passes the check, with the recipients of each service', () => {
    expect(checkConfig(report.draftConfig)).toEqual([]);
    const categories = report.draftConfig.categories as Record<string, { services: { id: string; thirdParty: string; country: string; cookies?: unknown[] }[] }>;
    expect(categories.analytics?.services.map((service) => service.id)).toEqual(['google-analytics', 'naver-analytics']);
    expect(categories.marketing?.services.map((service) => service.id)).toEqual(['kakao-ads', 'kakao-pixel', 'meta-pixel', 'x-pixel']);
    expect(categories.analytics?.services[0]).toMatchObject({ thirdParty: 'Google LLC', country: 'US', cookies: expect.arrayContaining([{ name: '_ga', retention: '2 years' }]) });
    expect(report.draftConfig.tracking).toEqual({ sensitivePaths: ['/예약'] });
  });

  test('the HTML report shows hostile page text as text, and runs nothing', async ({ page }, testInfo) => {
    const html = htmlReport(report);
    await writeFile(testInfo.outputPath('report.html'), html);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; 소식');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
    await page.setContent(html);
    await page.locator('details').filter({ hasText: 'hostile' }).locator('summary').click();
    await expect(page.locator('summary', { hasText: "<script>document.title='pwned'</script>" })).toBeVisible();
    expect(dialogs).toEqual([]);
    await expect(page.locator('.leak')).toHaveCount(7);
  });
});

test('the command scans the demo site: no leak before a choice, three files written', async ({ baseURL }, testInfo) => {
  testInfo.setTimeout(45_000);
  const out = await mkdtemp(join(tmpdir(), 'clinic-scan-'));
  const { stderr } = await run(process.execPath, ['dist/cli/clinic-consent.mjs', 'scan', `${baseURL}/demo/`, '--pages', '2', '--delay', '0', '--settle', '500', '--out', out], {
    env: { ...process.env, CHROME_PATH: chrome },
  });
  expect(stderr).toMatch(/^\[1\/2\] http:\/\/127\.0\.0\.1:\d+\/demo\/: 0 tracker request\(s\) before a choice, 0 after accepting$/m);
  expect(stderr).toContain('0 leak(s) before consent');
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as ScanReport;
  expect(report.leaks).toEqual([]);
  expect(report.pages).toHaveLength(2);
  expect(report.skipped.filter((entry) => entry.reason === 'beyond --pages 2').length, '--pages stops the crawl').toBeGreaterThan(0);
  for (const page of report.pages) expect(page.afterAccept.accepted, page.url).toBe(true);
  expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('Nothing reached a tracker');
  const check = await run(process.execPath, ['dist/cli/clinic-consent.mjs', 'check', join(out, 'draft-config.json')]);
  expect(check.stdout).toContain('no problems');
});

test('a site whose robots.txt keeps the scanner out is not reported clean', async () => {
  const site = await serveFixtureSite();
  const out = await mkdtemp(join(tmpdir(), 'clinic-scan-'));
  try {
    const failed = await run(process.execPath, ['dist/cli/clinic-consent.mjs', 'scan', `${site.origin}/private.html`, '--delay', '0', '--out', out], { env: { ...process.env, CHROME_PATH: chrome } }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`not scanned: ${site.origin}/private.html (disallowed by robots.txt)`);
    expect(failed?.stderr).toContain('no page could be scanned');
    expect(site.requested).toEqual(['/robots.txt']);
  } finally {
    await site.close();
  }
});
