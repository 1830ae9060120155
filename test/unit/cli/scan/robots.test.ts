// robots.txt as the scanner obeys it: its own group before `*`, longest rule wins, Allow on a tie,
// wildcards, and non-ASCII paths written either way.
import { describe, expect, it } from 'vitest';
import { robotsRules } from '../../../../src/cli/scan/robots.js';

describe('robotsRules', () => {
  it('applies the * group when no group names the scanner', () => {
    const allowed = robotsRules('User-agent: *\nDisallow: /private.html\n', 'ClinicConsentScanner');
    expect(allowed('/private.html')).toBe(false);
    expect(allowed('/private.html?x=1')).toBe(false);
    expect(allowed('/')).toBe(true);
  });

  it("prefers the scanner's own group and ignores the * group then", () => {
    const text = 'User-agent: *\nDisallow: /\n\nUser-agent: Googlebot\nUser-agent: clinicconsentscanner\nDisallow: /admin\n';
    const allowed = robotsRules(text, 'ClinicConsentScanner');
    expect(allowed('/')).toBe(true);
    expect(allowed('/admin/login')).toBe(false);
  });

  it('lets the longest rule win, Allow on a tie, with * and $', () => {
    const allowed = robotsRules('User-agent: *\nDisallow: /news\nAllow: /news/public\nDisallow: /*.php$\nAllow: /a\nDisallow: /a\n', 'ClinicConsentScanner');
    expect(allowed('/news/1')).toBe(false);
    expect(allowed('/news/public/1')).toBe(true);
    expect(allowed('/form.php')).toBe(false);
    expect(allowed('/form.php?x')).toBe(true);
    expect(allowed('/a')).toBe(true);
  });

  it('matches a Korean path written decoded against the encoded request path, and the other way round', () => {
    expect(robotsRules('User-agent: *\nDisallow: /예약\n', 'ClinicConsentScanner')('/%EC%98%88%EC%95%BD/')).toBe(false);
    expect(robotsRules('User-agent: *\nDisallow: /%EC%98%88%EC%95%BD\n', 'ClinicConsentScanner')('/예약/')).toBe(false);
  });

  it('allows everything with an empty Disallow, comments, or no rules', () => {
    expect(robotsRules('# nothing\nUser-agent: *\nDisallow:\n', 'ClinicConsentScanner')('/x')).toBe(true);
    expect(robotsRules('', 'ClinicConsentScanner')('/x')).toBe(true);
  });
});
