// The `tracking` config: what a clinic writes, what the loader makes of it, and how the config check
// names each mistake (any mistake makes the whole SDK fail closed; that is tested end to end).
import { describe, expect, it } from 'vitest';
import { checkTrackingConfig, resolveTrackingConfig } from '../../../src/config/tracking.js';

function problemsOf(raw: unknown): string[] {
  const problems: string[] = [];
  checkTrackingConfig(raw, (field, problem) => problems.push(`${field}: ${problem}`));
  return problems;
}

describe('resolveTrackingConfig (the loader side, for checked input)', () => {
  it('gives the catalog, no sensitive paths, replay off, basic Google mode and no reload when nothing is written', () => {
    const config = resolveTrackingConfig(undefined);
    expect(config.entries.map((entry) => entry.service)).toContain('naver-analytics');
    expect(config).toMatchObject({ sensitivePaths: [], sessionReplay: 'off', googleMode: 'basic', reloadOnWithdraw: false });
  });

  it('takes every valid field as written', () => {
    const config = resolveTrackingConfig({
      catalog: true,
      sensitivePaths: ['/booking', '/ko/*/consult'],
      sessionReplay: 'masked',
      googleMode: 'advanced',
      reloadOnWithdraw: true,
      entries: [{ service: 'clinic-chat', category: 'analytics', patterns: ['chat.example.com/widget'], cookies: ['chat_*'], storage: ['chat.*'] }],
    });
    expect(config).toMatchObject({ sensitivePaths: ['/booking', '/ko/*/consult'], sessionReplay: 'masked', googleMode: 'advanced', reloadOnWithdraw: true });
    expect(config.entries.find((entry) => entry.service === 'clinic-chat')).toMatchObject({
      category: 'analytics',
      patterns: ['chat.example.com/widget'],
      cookies: ['chat_*'],
      storage: ['chat.*'],
      markers: [],
      google: false,
      replay: false,
    });
  });

  it('reads a pattern written as a URL the way the matcher needs it: no scheme, lower case', () => {
    // Regression: the loader kept "https://…" as written, so such an entry never matched and its tracker ran.
    const config = resolveTrackingConfig({ entries: [{ service: 'chat', patterns: ['https://Chat.Example.com/Widget', '//cdn.example.com/px'] }] });
    expect(config.entries.find((entry) => entry.service === 'chat')).toMatchObject({ category: 'marketing', patterns: ['chat.example.com/widget', 'cdn.example.com/px'] });
  });

  it('lets a clinic entry replace a built-in one by service id, or drop the whole catalog', () => {
    const replaced = resolveTrackingConfig({ entries: [{ service: 'hotjar', category: 'necessary', patterns: ['hotjar.com'] }] });
    expect(replaced.entries.filter((entry) => entry.service === 'hotjar')).toEqual([expect.objectContaining({ category: 'necessary' })]);
    expect(resolveTrackingConfig({ catalog: false }).entries).toEqual([]);
  });

  it('fails closed rather than throwing on input it cannot read', () => {
    expect(resolveTrackingConfig({ entries: 5 })).toMatchObject({ sensitivePaths: ['/'], sessionReplay: 'off', googleMode: 'basic', reloadOnWithdraw: true });
  });
});

describe('checkTrackingConfig (the config check)', () => {
  it('accepts nothing written, and every valid field', () => {
    expect(problemsOf(undefined)).toEqual([]);
    expect(
      problemsOf({
        catalog: false,
        sensitivePaths: ['/booking'],
        sessionReplay: 'masked',
        googleMode: 'advanced',
        reloadOnWithdraw: true,
        entries: [{ service: 'chat', category: 'analytics', patterns: ['https://chat.example.com'], cookies: ['c_*'], markers: ['chat('], storage: ['chat.*'], google: false, replay: true }],
      }),
    ).toEqual([]);
  });

  it('names each wrong field by its path', () => {
    expect(problemsOf({ catalog: 'yes', sensitivePaths: ['/booking', 'consult'], sessionReplay: 'full', googleMode: 'on', reloadOnWithdraw: 'no', color: 'red' })).toEqual([
      'tracking.catalog: must be true or false',
      'tracking.sensitivePaths: must be a list of paths starting with "/"',
      'tracking.sessionReplay: must be "off" or "masked"',
      'tracking.googleMode: must be "basic" or "advanced"',
      'tracking.reloadOnWithdraw: must be true or false',
      'tracking.color: unknown field (expected one of catalog, entries, sensitivePaths, sessionReplay, googleMode, reloadOnWithdraw)',
    ]);
  });

  it('names each wrong part of an entry', () => {
    expect(problemsOf({ entries: [{ service: 'chat', category: 42, patterns: 'chat.example.com', replay: 'yes', colour: 1 }, { patterns: ['x.example.com'] }, 'nope'] })).toEqual([
      'tracking.entries[0].category: must be a category id',
      'tracking.entries[0].patterns: must be a list of non-empty strings',
      'tracking.entries[0].replay: must be true or false',
      'tracking.entries[0].colour: unknown field (expected one of service, category, patterns, cookies, markers, storage, google, replay)',
      'tracking.entries[1].service: needs a service id of lower-case letters, digits and dashes',
      'tracking.entries[2]: must be an object with at least a "service" id',
    ]);
    expect(problemsOf({ entries: 'chat' })).toEqual(['tracking.entries: must be a list of tracker entries']);
  });

  it('reports a tracking value that is not an object', () => {
    expect(problemsOf('off')).toEqual(['tracking: must be an object']);
  });
});
