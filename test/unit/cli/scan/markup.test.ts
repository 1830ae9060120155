// The preload findings: tracker markup the browser fetches from the HTML source before any script
// runs, with its line; gated markup, <noscript>, comments and script text are not fetched.
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../../src/blockers/guards/match.js';
import { catalogEntries } from '../../../../src/blockers/trackers.js';
import { loaderPosition, preloadFindings } from '../../../../src/cli/scan/markup.js';

const match = createMatcher(catalogEntries());
const brief = (html: string) => preloadFindings(html, match).map(({ tag, line, service }) => [tag, line, service]);

describe('preloadFindings', () => {
  it('names each ungated tracker script, image, iframe and link with its line', () => {
    const html = [
      '<head>',
      '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
      '<link rel="preload" as="script" href="https://connect.facebook.net/en_US/fbevents.js">',
      '</head><body>',
      '<img src="//t1.daumcdn.net/kas/static/kp.gif" alt="">',
      "<iframe src='https://www.googletagmanager.com/ns.html?id=GTM-1'></iframe>",
      '</body>',
    ].join('\n');
    expect(brief(html)).toEqual([
      ['script', 2, 'google-analytics'],
      ['link', 3, 'meta-pixel'],
      ['img', 5, 'kakao-pixel'],
      ['iframe', 6, 'google-tag-manager'],
    ]);
  });

  it('leaves alone what the preload scanner does not fetch: gated markup, noscript, comments, script text, the site itself', () => {
    const html = [
      '<script type="text/plain" data-consent="analytics" src="https://wcs.naver.net/wcslog.js"></script>',
      '<img data-consent="marketing" data-src="https://www.facebook.com/tr?id=1">',
      '<noscript><img src="https://www.facebook.com/tr?id=1&amp;ev=PageView"></noscript>',
      '<!-- <script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script> -->',
      '<script>document.write(\'<img src="https://www.facebook.com/tr?id=2">\')</script>',
      '<title><img src="https://www.facebook.com/tr?id=3"></title>',
      '<script src="/js/site.js"></script><img src="/logo.png">',
      '<link rel="canonical" href="https://www.facebook.com/clinic">',
    ].join('\n');
    expect(brief(html)).toEqual([]);
  });

  it('counts lines of the source as served, blanked regions included', () => {
    const html = '<!--\n\n-->\n<noscript>\n<img src="x">\n</noscript>\n<img src="https://analytics.twitter.com/i/adsct?p_id=Twitter&amp;txn_id=1">';
    expect(preloadFindings(html, match)).toEqual([{ tag: 'img', url: 'https://analytics.twitter.com/i/adsct?p_id=Twitter&txn_id=1', line: 7, service: 'x-pixel', category: 'marketing' }]);
  });
});

describe('loaderPosition', () => {
  it('is first when no script can run before it in <head>; a JSON config block does not count', () => {
    const html = '<head>\n<script type="application/json" id="c">{}</script>\n<script src="/cc/clinic-consent.js" data-config="c"></script>\n<script src="/site.js"></script>';
    expect(loaderPosition(html)).toEqual({ found: true, first: true, line: 3, before: [] });
  });

  it('names the scripts that run before it, and says when it is in <body> or missing', () => {
    const html = '<head>\n<script src="//wcs.naver.net/wcslog.js"></script>\n<script>wcs_do();</script>\n<script src="https://cdn.example.kr/clinic-consent.js?v=1"></script>';
    expect(loaderPosition(html)).toEqual({ found: true, first: false, line: 4, before: ['//wcs.naver.net/wcslog.js', 'inline script at line 3'] });
    expect(loaderPosition('<head></head><body><script src="/clinic-consent.js"></script>')).toMatchObject({ found: true, first: false, before: [] });
    expect(loaderPosition('<head><script src="/clinic-consent-old.js"></script></head>')).toEqual({ found: false, first: false, before: [] });
  });
});
