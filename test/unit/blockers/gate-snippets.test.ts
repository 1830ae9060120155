// The gate-snippets command: a clinic's template with vendor snippets pasted as-is becomes gated
// markup that no browser requests before consent, with the page's own code left as it was.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { gateSnippets } from '../../../scripts/gate-snippets.mjs';
import { createMatcher } from '../../../src/blockers/guards/match.js';
import { catalogEntries } from '../../../src/blockers/trackers.js';

const match = createMatcher(catalogEntries());
const page = await readFile(new URL('../../e2e/tracking/pages/snippets.html', import.meta.url), 'utf8');

describe('gate-snippets', () => {
  const { html, changes } = gateSnippets(page, match);

  it('gates each vendor script, inline snippet, noscript pixel and iframe with its category', () => {
    expect(html).toContain('<script type="text/plain" data-consent="analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-CLINIC0001"></script>');
    expect(html).toContain('<script type="text/plain" data-consent="analytics" src="//wcs.naver.net/wcslog.js"></script>');
    expect(html).toContain('<script type="text/plain" data-consent="marketing" charset="UTF-8" src="//t1.daumcdn.net/kas/static/kp.js"></script>');
    expect(html).toMatch(/<img data-consent="marketing" data-src="https:\/\/www\.facebook\.com\/tr\?id=123456789012345&ev=PageView&noscript=1"/);
    expect(html).toMatch(/<iframe data-consent="analytics" data-src="https:\/\/www\.googletagmanager\.com\/ns\.html\?id=GTM-CLINIC1"/);
    expect(changes).toEqual([
      'google-analytics (analytics): script https://www.googletagmanager.com/gtag/js?id=G-CLINIC0001',
      'google-tag-manager (analytics): inline snippet',
      'meta-pixel (marketing): inline snippet',
      'naver-analytics (analytics): script //wcs.naver.net/wcslog.js',
      'naver-analytics (analytics): inline snippet',
      'kakao-pixel (marketing): script //t1.daumcdn.net/kas/static/kp.js',
      'kakao-pixel (marketing): inline snippet',
      'microsoft-clarity (analytics): inline snippet',
      'hotjar (analytics): inline snippet',
      'tiktok-pixel (marketing): inline snippet',
      'x-pixel (marketing): inline snippet',
      'meta-pixel (marketing): img https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1',
      'google-tag-manager (analytics): iframe https://www.googletagmanager.com/ns.html?id=GTM-CLINIC1',
    ]);
  });

  it('leaves no tracker URL where the browser would fetch it', () => {
    const fetchable = [...html.matchAll(/<(?:script|img|iframe)\b(?![^>]*type="text\/plain")[^>]*\ssrc="([^"]+)"/gi)].map((found) => found[1]);
    expect(fetchable.filter((src) => match.url(src ?? ''))).toEqual([]);
  });

  it("leaves the page's own code, the config and the loader alone, and the GA4 config call (it only queues)", () => {
    expect(html).toContain('<script src="/dist/clinic-consent.js" data-config="clinic-consent-config"></script>');
    expect(html).toContain('<script src="/test/e2e/tracking/pages/own.js"></script>');
    expect(html).toContain("<script>\n  window.dataLayer = window.dataLayer || [];");
    expect(html).toContain('<script>\n  fetch("/test/e2e/tracking/pages/own-api.json")');
  });

  it('is idempotent: gated markup is not gated again', () => {
    expect(gateSnippets(html, match)).toEqual({ html, changes: [] });
  });

  it('keeps a non-JavaScript type for the gate to restore, and can skip services (Consent Mode "advanced")', () => {
    const module = gateSnippets('<script type="module" src="https://static.hotjar.com/c/x.js"></script>', match);
    expect(module.html).toBe('<script type="text/plain" data-consent="analytics" src="https://static.hotjar.com/c/x.js" data-type="module"></script>');
    const skipped = gateSnippets(page, match, ['google-analytics', 'google-tag-manager']);
    expect(skipped.changes.some((change) => change.startsWith('google-'))).toBe(false);
  });
});

describe('the gate-snippets command as the README gives it', () => {
  const repo = fileURLToPath(new URL('../../..', import.meta.url));

  it('writes clean HTML to --out: npm\'s own banner lines stay out of the file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cc-gate-'));
    try {
      const source = join(folder, 'page.html');
      const target = join(folder, 'gated.html');
      await writeFile(source, page);
      const { stdout, stderr } = await promisify(execFile)('npm', ['run', 'gate-snippets', '--', source, '--out', target], { cwd: repo });
      const written = await readFile(target, 'utf8');
      expect(written).toBe(gateSnippets(page, match).html);
      expect(written.startsWith('<!doctype html>')).toBe(true);
      expect(stdout).not.toContain('<!doctype');
      expect(stderr).toContain('tracker snippet part(s) gated.');
      expect(await readFile(source, 'utf8'), 'the template itself is left as it was').toBe(page);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses --out together with --write, naming the usage', async () => {
    const failure = await promisify(execFile)('node', ['scripts/gate-snippets.mjs', 'page.html', '--write', '--out', 'x.html'], { cwd: repo }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: gate-snippets') });
  });
});
