// The lasting proof that the SDK and the collector share one set of shapes (issue 12): for any config the
// SDK's check accepts, every receipt (with its texts attached, as on a resend) and every impression the SDK
// builds from it is one the collector accepts. Configs are generated near the limits, with wrong values
// mixed in, so the check has to refuse what the collector would refuse.
import Ajv from 'ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../schema/documents.js';
import { LIMITS } from '../../../schema/shapes.js';
import { checkConfig } from '../../../src/config/check.js';
import { pickLocale } from '../../../src/config/locale-choice.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import type { ClinicConsentConfig } from '../../../src/config/types.js';
import { consentVersion, fingerprints } from '../../../src/consent/fingerprint.js';
import { recordOf } from '../../../src/consent/rules.js';
import { DECISION_METHODS } from '../../../schema/shapes.js';
import { draftReceipt, impressionOf, seal, textHash } from '../../../src/receipts/build.js';
import en from '../../../src/ui/locales/en.js';
import ja from '../../../src/ui/locales/ja.js';
import ko from '../../../src/ui/locales/ko.js';
import { withOverrides } from '../../../src/ui/texts.js';
import { collectorCheck, type CollectorCheck } from '../../support/collector-check.js';

// Strings of every kind: plain, any Unicode (lone surrogates included), and lengths around each limit.
const anyText = (max: number) =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
    fc.constantFrom('', ' ', '방문 빈도 분석', '😀', 'broken \uD800 half'),
    fc.integer({ min: max - 2, max: max + 2 }).map((length) => 'x'.repeat(Math.max(length, 1))),
  );
const localized = (max: number) => fc.oneof(anyText(max), fc.dictionary(fc.constantFrom('ko', 'en', 'ja', 'ko-KR'), anyText(max), { maxKeys: 3 }));
const id = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

const service = fc.record(
  {
    id: id(fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,65}$/)),
    name: localized(LIMITS.text),
    thirdParty: localized(LIMITS.thirdParty),
    country: fc.oneof(fc.constantFrom('KR', 'US', 'JP'), fc.string({ maxLength: 3 })),
    purpose: localized(LIMITS.purpose),
  },
  { requiredKeys: ['id', 'name'] },
);
const category = fc.record({ label: localized(LIMITS.text), purpose: localized(LIMITS.purpose), services: fc.array(service, { maxLength: 3 }) }, { requiredKeys: [] });
const language = fc.oneof(fc.constantFrom('ko', 'en', 'ja', 'ja-JP', 'zh-Hant-TW', 'en_US', 'EN'), fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/));
const textKey = fc.constantFrom('bannerTitle', 'analyticsPurpose', 'marketingPurpose', 'necessaryPurpose', 'acceptAll', 'noSuchKey');

const config: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    siteId: id(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,64}$/)),
    policy: fc.record({
      url: fc.oneof(fc.constantFrom('/privacy', 'https://clinic.example/privacy', '/개인정보처리방침', '/%', 'http://[', `/${'p'.repeat(2040)}`), fc.webUrl(), anyText(10)),
      version: anyText(LIMITS.policyVersion),
    }),
    categories: fc.dictionary(id(fc.stringMatching(/^[a-z][a-z0-9_-]{0,41}$/)), category, { maxKeys: 4 }),
    languages: fc.array(language, { minLength: 1, maxLength: 3 }),
    texts: fc.dictionary(language, fc.dictionary(textKey, anyText(LIMITS.text), { maxKeys: 3 }), { maxKeys: 2 }),
  },
  { requiredKeys: ['siteId', 'policy'] },
);

const decision = fc.record({ method: fc.constantFrom(...DECISION_METHODS), granted: fc.array(fc.boolean(), { maxLength: 16 }), locale: language });
const validConfig = new Ajv({ allErrors: true }).compile(configSchema);

let collector: CollectorCheck;
beforeAll(async () => {
  collector = await collectorCheck();
});
afterAll(() => collector.close());

describe('every config the SDK check accepts', () => {
  it('yields receipts and impressions the collector accepts', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(config, decision, async (raw, { method, granted, locale }) => {
        if (checkConfig(raw).length) return;
        accepted++;
        expect(validConfig(raw), `config.schema.json accepts it too: ${JSON.stringify(validConfig.errors)}`).toBe(true);
        const resolved = resolveConfig(raw as unknown as ClinicConsentConfig);
        const prints = fingerprints(resolved);
        const ids = resolved.categories.flatMap((c) => [c.id, ...c.services.map((s) => s.id)]);
        const chosen = ids.filter((_, index) => granted[index]);
        const record = recordOf(resolved, prints, { categories: chosen, services: chosen }, method, 'c0ffee00-1234-4abc-8def-0123456789ab', Date.UTC(2026, 10, 23));
        // What the UI would show: the bundled texts of the chosen language with the clinic's overrides.
        const shownLocale = pickLocale([locale], resolved.languages);
        const bundle = { ko, en, ja }[shownLocale.split('-')[0] as 'ko'] ?? en;
        const shown = { locale: shownLocale, strings: { ...withOverrides(bundle, resolved.texts[shownLocale]) } };
        const context = { config: resolved, sdkVersion: '0.1.0', deviceClass: 'mobile' as const, pageUrl: 'https://clinic.example/ko/', pageLocale: locale };
        const receipt = await seal(draftReceipt(context, { record, consentVersion: consentVersion(prints), shown }, '3f1e2d4c-5b6a-4789-8abc-def012345678', await textHash(shown)), null);
        expect(await collector.receipt({ ...receipt, texts: shown })).toBeNull();
        const impression = impressionOf(context, consentVersion(prints), '3f1e2d4c-5b6a-4789-8abc-def012345678', Date.UTC(2026, 10, 23));
        expect(await collector.impression(impression)).toBeNull();
      }),
      { numRuns: 400 },
    );
    // The generator must reach the interesting side: configs the check accepts.
    expect(accepted).toBeGreaterThan(20);
  }, 60_000);
});
