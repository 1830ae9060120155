// The SDK's config check and the collector agree on every shared id: a value the check accepts arrives at the
// collector, and a value the collector would refuse is refused by the check, so the SDK fails closed at once
// instead of sending receipts that are refused for good (issue 12: "Clinic_A" passed the check before).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../../schema/types.js';
import { checkConfig } from '../../../src/config/check.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import type { ClinicConsentConfig } from '../../../src/config/types.js';
import { fingerprints, consentVersion } from '../../../src/consent/fingerprint.js';
import { everything, recordOf } from '../../../src/consent/rules.js';
import { draftReceipt, seal, textHash, type Draft } from '../../../src/receipts/build.js';
import { collectorCheck, type CollectorCheck } from '../../support/collector-check.js';
import { clinicConfig, medisianAds } from '../../support/configs.js';

const long = (length: number, first = 'a') => first + 'b'.repeat(length - 1);

/** Each shared id: good and bad values, how to put one into a config, and into a receipt. */
const cases: {
  name: string;
  good: string[];
  bad: string[];
  config(value: string): ClinicConsentConfig;
  receipt(draft: Draft, value: string): Draft;
}[] = [
  {
    name: 'siteId',
    good: ['cellreand', 'seoul-skin-clinic', 'a1', '0clinic', 'clinic-', long(63)],
    bad: ['Clinic_A', 'clinic_a', 'a', '-clinic', 'clinic.a', 'clinic a', 'CLINIC', 'klinik-ü', long(64)],
    config: (siteId) => clinicConfig({ siteId }),
    receipt: (draft, siteId) => ({ ...draft, siteId }),
  },
  {
    name: 'category id',
    good: ['analytics', 'a', 'video_embeds', 'chat-widget', long(40)],
    bad: ['Analytics', '1st', '-x', '_x', 'chat.widget', 'chat widget', long(41)],
    config: (id) => clinicConfig({ categories: { [id]: { services: [] } } }),
    receipt: (draft, id) => ({ ...draft, categories: { ...draft.categories, [id]: { granted: false, purpose: 'a purpose' } } }),
  },
  {
    name: 'service id',
    good: ['naver-analytics', 'a', '0x', 'ga4.tag', 'meta_pixel', long(64)],
    bad: ['Naver', '-x', '.x', '_x', 'naver analytics', 'naver/analytics', long(65)],
    config: (id) => clinicConfig({ categories: { marketing: { services: [{ ...medisianAds, id }] } } }),
    receipt: (draft, id) => ({ ...draft, services: { ...draft.services, [id]: { category: 'marketing', granted: false, purpose: 'a purpose' } } }),
  },
  {
    name: 'country code',
    good: ['KR', 'US', 'JP'],
    bad: ['kr', 'Kr', 'KOR', 'Korea', 'K1', ''],
    config: (country) => clinicConfig({ categories: { marketing: { services: [{ ...medisianAds, country }] } } }),
    receipt: (draft, country) => ({ ...draft, services: { x: { category: 'marketing', granted: true, purpose: 'p', thirdParty: 'Medisian Inc.', country } } }),
  },
  {
    name: 'language tag',
    good: ['ko', 'en', 'ja-JP', 'zh-Hant-TW', 'haw', `en-${'x'.repeat(8)}-${'y'.repeat(8)}-${'z'.repeat(8)}-abcde`],
    bad: ['EN', 'en_US', 'english', 'e', 'ko-', 'ko-K', `en-${'x'.repeat(8)}-${'y'.repeat(8)}-${'z'.repeat(8)}-abcdef`],
    config: (language) => clinicConfig({ languages: [language] }),
    receipt: (draft, locale) => ({ ...draft, locale }),
  },
];

let collector: CollectorCheck;
let draft: Draft;
beforeAll(async () => {
  collector = await collectorCheck();
  const config = resolveConfig(clinicConfig());
  const prints = fingerprints(config);
  const record = recordOf(config, prints, everything(config), 'accept-all', 'c0ffee00-1234-4abc-8def-0123456789ab', Date.UTC(2026, 10, 23));
  const context = { config, sdkVersion: '0.1.0', deviceClass: 'desktop' as const, pageUrl: 'https://clinic.example/', pageLocale: 'en' };
  const texts = { locale: 'en', strings: { bannerTitle: 'Cookies' } };
  draft = draftReceipt(context, { record, consentVersion: consentVersion(prints), shown: texts }, '3f1e2d4c-5b6a-4789-8abc-def012345678', await textHash(texts));
});
afterAll(() => collector.close());

describe.each(cases)('the $name', ({ good, bad, config, receipt }) => {
  it.each(good)('"%s" passes the SDK check and arrives at the collector', async (value) => {
    expect(checkConfig(config(value))).toEqual([]);
    expect(await collector.receipt(await seal(receipt(draft, value), null))).toBeNull();
  });

  it.each(bad)('"%s" fails the SDK check, as the collector would refuse it', async (value) => {
    expect(checkConfig(config(value))).not.toEqual([]);
    expect(await collector.receipt(await seal(receipt(draft, value), null) as ConsentReceiptV1)).toMatch(/^400 /);
  });
});
