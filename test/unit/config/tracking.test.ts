// The `tracking` config: what a clinic writes, what resolveConfig and the blockers make of it, and how
// the config check names each mistake (any mistake makes the whole SDK fail closed; tested end to end).
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../../src/blockers/trackers.js';
import { checkConfig } from '../../../src/config/check.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import { resolveTracking, type TrackingConfigInput } from '../../../src/config/tracking.js';

const base = { siteId: 'clinic', policy: { url: '/privacy', version: '1' } };
const problemsOf = (tracking: unknown): string[] => checkConfig({ ...base, tracking });
/** The settings the guards get: resolved with the rest of the config, over the built-in catalog. */
const resolveTrackingConfig = (tracking: unknown) => resolveConfig({ ...base, tracking: tracking as TrackingConfigInput }, catalogEntries()).tracking;

describe('the tracking settings (resolved with the config, for checked input)', () => {
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

  it('reads a pattern written as a URL the way the matcher needs it: no scheme, the host in lower case, the path as fetched', () => {
    // Regression: the loader kept "https://…" as written, so such an entry never matched and its tracker ran.
    // Regression: the path was lower-cased too, so "/Widget" never matched the case-sensitive path the browser fetches.
    const config = resolveTrackingConfig({ entries: [{ service: 'chat', patterns: ['https://Chat.Example.com/Widget', '//cdn.example.com/px'] }] });
    expect(config.entries.find((entry) => entry.service === 'chat')).toMatchObject({ category: 'marketing', patterns: ['chat.example.com/Widget', 'cdn.example.com/px'] });
  });

  it('writes a Korean path and a Korean host of a pattern as the browser fetches them (percent-encoded, Punycode)', () => {
    // Regression: "/예약추적" and "광고.kr" were kept as written and never matched a URL the browser had encoded.
    const config = resolveTrackingConfig({ entries: [{ service: 'ads', patterns: ['ads.example.kr/예약추적?', '광고.kr', '予約.example.jp/フォーム'] }] });
    expect(config.entries.find((entry) => entry.service === 'ads')?.patterns).toEqual([
      `ads.example.kr${encodeURI('/예약추적')}`,
      new URL('http://광고.kr').hostname,
      `${new URL('http://予約.example.jp').hostname}${encodeURI('/フォーム')}`,
    ]);
  });

  it('lets a clinic entry replace a built-in one by service id, or drop the whole catalog', () => {
    const replaced = resolveTrackingConfig({ entries: [{ service: 'hotjar', category: 'necessary', patterns: ['hotjar.com'] }] });
    expect(replaced.entries.filter((entry) => entry.service === 'hotjar')).toEqual([expect.objectContaining({ category: 'necessary' })]);
    expect(resolveTrackingConfig({ catalog: false }).entries).toEqual([]);
  });

  it('fails closed rather than throwing on input it cannot read', () => {
    expect(resolveTracking({ entries: 5 }, catalogEntries())).toMatchObject({ sensitivePaths: ['/'], sessionReplay: 'off', googleMode: 'basic', reloadOnWithdraw: true });
  });
});

describe('the config check of tracking', () => {
  it('accepts nothing written, and every valid field', () => {
    expect(problemsOf(undefined)).toEqual([]);
    expect(resolveConfig(base).tracking, 'resolved with the rest of the config').toMatchObject({ entries: [], sensitivePaths: [] });
    expect(
      problemsOf({
        catalog: false,
        sensitivePaths: ['/booking'],
        leakPaths: ['/implants/*', '/의료진'],
        sessionReplay: 'masked',
        googleMode: 'advanced',
        reloadOnWithdraw: true,
        entries: [{ service: 'chat', category: 'analytics', patterns: ['https://chat.example.com'], cookies: ['c_*'], markers: ['chat('], storage: ['chat.*'], google: false, replay: true }],
      }),
    ).toEqual([]);
  });

  it('names each wrong field by its path', () => {
    expect(problemsOf({ catalog: 'yes', sensitivePaths: ['/booking', 'consult'], leakPaths: ['implants'], sessionReplay: 'full', googleMode: 'on', reloadOnWithdraw: 'no', color: 'red' })).toEqual([
      'tracking.color: unknown field (expected one of catalog, entries, sensitivePaths, leakPaths, sessionReplay, googleMode, reloadOnWithdraw)',
      'tracking.catalog: expected true or false, got "yes"',
      'tracking.sensitivePaths[1]: expected a path starting with "/", got "consult"',
      'tracking.leakPaths[0]: expected a path starting with "/", got "implants"',
      'tracking.sessionReplay: expected one of "off", "masked", got "full"',
      'tracking.googleMode: expected one of "basic", "advanced", got "on"',
      'tracking.reloadOnWithdraw: expected true or false, got "no"',
    ]);
  });

  it('refuses more sensitive paths than a leak report can name by index', () => {
    const many = Array.from({ length: 101 }, (_, index) => `/p${index}`);
    expect(problemsOf({ sensitivePaths: many })).toEqual([expect.stringMatching(/^tracking\.sensitivePaths: expected at most 100 entries, got/)]);
    expect(problemsOf({ sensitivePaths: many.slice(1) })).toEqual([]);
  });

  it('names each wrong part of an entry', () => {
    expect(problemsOf({ entries: [{ service: 'chat', category: 42, patterns: 'chat.example.com', replay: 'yes', colour: 1 }, { patterns: ['x.example.com'] }, 'nope'] })).toEqual([
      'tracking.entries[0].colour: unknown field (expected one of service, category, patterns, cookies, markers, storage, google, replay)',
      'tracking.entries[0].category: expected a category id, got 42',
      'tracking.entries[0].patterns: expected a list, got "chat.example.com"',
      'tracking.entries[0].replay: expected true or false, got "yes"',
      'tracking.entries[1].service: expected a service id of lower-case letters, digits, "-", "_" and ".", got nothing',
      'tracking.entries[2]: expected an object, got "nope"',
    ]);
    expect(problemsOf({ entries: 'chat' })).toEqual(['tracking.entries: expected a list, got "chat"']);
  });

  it('reports a tracking value that is not an object', () => {
    expect(problemsOf('off')).toEqual(['tracking: expected an object, got "off"']);
  });
});
