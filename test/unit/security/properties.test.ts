// Property-based tests (issue 13): on any input, the config and the choice cookie fail closed. Any
// JSON value as a config gives a resolved config or named problems, never a throw and never a grant;
// any cookie string grants only what a cookie this host alone can set (`__Host-`) holds. Fixed seed,
// so a failure reproduces; fast-check prints the smallest counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../../src/blockers/trackers.js';
import { checkConfig } from '../../../src/config/check.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import { resolveTracking } from '../../../src/config/tracking.js';
import type { ClinicConsentConfig, ResolvedConfig } from '../../../src/config/types.js';
import { fingerprints } from '../../../src/consent/fingerprint.js';
import { initialSnapshot, recordOf, refusalOf } from '../../../src/consent/rules.js';
import { encodeChoice, readChoice } from '../../../src/storage/choice-cookie.js';
import { clinicConfig } from '../../support/configs.js';

const runs = { seed: 13, numRuns: 400 };
const optionalGranted = (config: ResolvedConfig, categories: Readonly<Record<string, boolean>>) =>
  config.categories.some((category) => !category.required && categories[category.id] === true);

// Configs shaped like the real one often enough to get past the first checks, and any JSON besides.
const anyText = fc.oneof(fc.string(), fc.constantFrom('/예약', 'https://clinic.test/p', 'analytics', 'necessary', '__proto__', 'constructor'));
const nearConfig = fc.record(
  {
    siteId: fc.oneof(anyText, fc.jsonValue()),
    policy: fc.oneof(fc.record({ url: anyText, version: fc.oneof(anyText, fc.jsonValue()) }), fc.jsonValue()),
    categories: fc.oneof(fc.dictionary(anyText, fc.oneof(fc.record({ services: fc.array(fc.record({ id: anyText, name: anyText })) }), fc.jsonValue())), fc.jsonValue()),
    cookieDomain: fc.jsonValue(),
    tracking: fc.oneof(fc.record({ sensitivePaths: fc.array(anyText), catalog: fc.jsonValue() }), fc.jsonValue()),
    consentLifetimeDays: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('any JSON value as a config', () => {
  it('gives named problems or a resolved config, never a throw and never a grant', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), nearConfig), (raw) => {
        const problems = checkConfig(raw);
        expect(Array.isArray(problems) && problems.every((problem) => typeof problem === 'string' && problem.length > 0)).toBe(true);
        resolveTracking((raw as { tracking?: unknown } | null)?.tracking, catalogEntries());
        if (problems.length) return;
        const config = resolveConfig(raw as ClinicConsentConfig, catalogEntries());
        expect(optionalGranted(config, initialSnapshot(config, fingerprints(config), false).categories), 'granted before any choice').toBe(false);
      }),
      runs,
    );
  });
});

describe('any cookie string', () => {
  const config = resolveConfig(clinicConfig());
  const prints = fingerprints(config);
  const granted = encodeURIComponent(encodeChoice(recordOf(config, prints, { categories: ['analytics', 'marketing'] }, 'accept-all', 'id', 1_700_000_000_000), config));
  const pair = fc.oneof(
    fc.tuple(fc.constantFrom('cc_choice', 'cc_choice ', 'CC_CHOICE', '__host-cc_choice', '__Host-cc_choice2', 'x__Host-cc_choice', 'a', '_ga'), fc.oneof(fc.constant(granted), fc.string())),
    fc.tuple(fc.string(), fc.string()),
    fc.constant(['cc_choice', granted] as const),
  );
  const cookieString = fc.array(pair, { maxLength: 6 }).map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('; '));

  it('never grants at once what no __Host- cookie of this host holds', () => {
    fc.assert(
      fc.property(cookieString, (cookies) => {
        const choice = readChoice(cookies, config);
        if (!choice) return;
        const applied = choice.verified ? choice.record : refusalOf(config, choice.record);
        expect(optionalGranted(config, applied.categories), cookies).toBe(false);
      }),
      runs,
    );
  });

  it('reads the SDK\'s own __Host- cookie whatever plain cookies a sibling adds, but not when a second __Host- one is listed', () => {
    fc.assert(
      fc.property(cookieString, cookieString, fc.boolean(), (before, after, twice) => {
        const own = `__Host-cc_choice=${granted}`;
        const cookies = [before, own, twice ? own : '', after].filter(Boolean).join('; ');
        const choice = readChoice(cookies, config);
        const extra = `${before}; ${after}`.split('; ').filter((entry) => entry.startsWith('__Host-cc_choice=')).length;
        if (twice || extra) expect(choice, cookies).toBeNull();
        else expect(choice?.verified && optionalGranted(config, choice.record.categories), cookies).toBe(true);
      }),
      runs,
    );
  });
});
