// The `tracking` config: what a clinic writes, what it becomes, and how a mistake is reported and
// replaced by the fail-closed value for that field only.
import { describe, expect, it } from 'vitest';
import { parseTrackingConfig, resolveTrackingConfig } from '../../../src/blockers/tracking-config.js';
import type { TrackingConfig } from '../../../src/blockers/tracking-config.js';

function parse(raw: unknown): { config: TrackingConfig; problems: string[] } {
  const problems: string[] = [];
  const config = parseTrackingConfig(raw, (field, problem) => problems.push(`${field}: ${problem}`));
  return { config, problems };
}

describe('parseTrackingConfig', () => {
  it('gives the catalog, no sensitive paths, replay off, basic Google mode and no reload when nothing is written', () => {
    const { config, problems } = parse(undefined);
    expect(problems).toEqual([]);
    expect(config.entries.map((entry) => entry.service)).toContain('naver-analytics');
    expect(config).toMatchObject({ sensitivePaths: [], sessionReplay: 'off', googleMode: 'basic', reloadOnWithdraw: false });
  });

  it('takes every valid field as written', () => {
    const { config, problems } = parse({
      catalog: true,
      sensitivePaths: ['/booking', '/ko/*/consult'],
      sessionReplay: 'masked',
      googleMode: 'advanced',
      reloadOnWithdraw: true,
      entries: [{ service: 'clinic-chat', category: 'analytics', patterns: ['https://chat.example.com/widget'], cookies: ['chat_*'], storage: ['chat.*'] }],
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ sensitivePaths: ['/booking', '/ko/*/consult'], sessionReplay: 'masked', googleMode: 'advanced', reloadOnWithdraw: true });
    expect(config.entries.find((entry) => entry.service === 'clinic-chat')).toMatchObject({
      category: 'analytics',
      patterns: ['chat.example.com/widget'],
      cookies: ['chat_*'],
      storage: ['chat.*'],
    });
  });

  it('lets a clinic entry replace a built-in one by service id, or drop the whole catalog', () => {
    const replaced = parse({ entries: [{ service: 'hotjar', category: 'necessary', patterns: ['hotjar.com'] }] }).config;
    expect(replaced.entries.filter((entry) => entry.service === 'hotjar')).toEqual([expect.objectContaining({ category: 'necessary' })]);
    expect(parse({ catalog: false }).config.entries).toEqual([]);
  });

  it('reports each wrong field by its path and uses the fail-closed value for it alone', () => {
    const { config, problems } = parse({
      catalog: 'yes',
      sensitivePaths: 'booking',
      sessionReplay: 'full',
      googleMode: 'on',
      reloadOnWithdraw: 'no',
      color: 'red',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'tracking.catalog',
      'tracking.sensitivePaths',
      'tracking.sessionReplay',
      'tracking.googleMode',
      'tracking.reloadOnWithdraw',
      'tracking.color',
    ]);
    expect(config.entries.length, 'the catalog stays on').toBeGreaterThan(10);
    expect(config).toMatchObject({ sensitivePaths: ['/'], sessionReplay: 'off', googleMode: 'basic', reloadOnWithdraw: true });
  });

  it('treats every page as sensitive when one sensitive path is not a path', () => {
    const { config, problems } = parse({ sensitivePaths: ['/booking', 'consult'] });
    expect(problems).toHaveLength(1);
    expect(config.sensitivePaths).toEqual(['/']);
  });

  it('puts an entry with a wrong category under marketing, and ignores one without a service id', () => {
    const { config, problems } = parse({ entries: [{ service: 'chat', category: 42, patterns: ['chat.example.com'] }, { patterns: ['x.example.com'] }, 'nope'] });
    expect(problems).toEqual([
      'tracking.entries[0].category: must be a category id; "marketing" is used',
      'tracking.entries[1].service: needs a service id of lower-case letters, digits and dashes; entry ignored',
      'tracking.entries[2].service: needs a service id of lower-case letters, digits and dashes; entry ignored',
    ]);
    expect(config.entries.find((entry) => entry.service === 'chat')?.category).toBe('marketing');
  });

  it('reports a tracking value that is not an object and still returns the defaults', () => {
    const { config, problems } = parse('off');
    expect(problems).toEqual(['tracking: must be an object']);
    expect(config.entries.length).toBeGreaterThan(10);
  });
});

describe('resolveTrackingConfig (the loader side, for checked input)', () => {
  it('resolves the same settings as the parser for valid input', () => {
    const raw = { sensitivePaths: ['/booking'], googleMode: 'advanced', entries: [{ service: 'chat', patterns: ['chat.example.com'] }] };
    expect(resolveTrackingConfig(raw)).toEqual(parse(raw).config);
  });

  it('fails closed rather than throwing on input it cannot read', () => {
    expect(resolveTrackingConfig({ entries: 5 })).toMatchObject({ sensitivePaths: ['/'], sessionReplay: 'off', googleMode: 'basic' });
  });
});
