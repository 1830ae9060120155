import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../../src/config/check.js';
import { clinicConfig } from '../../support/configs.js';

describe('checkConfig', () => {
  it('accepts a complete clinic config', () => {
    expect(checkConfig(clinicConfig())).toEqual([]);
  });

  it('accepts the smallest config: a site id and a policy', () => {
    expect(checkConfig({ siteId: 'clinic', policy: { url: 'https://clinic.example/privacy', version: '1' } })).toEqual([]);
  });

  it('names a wrong nested field by its path and says what was expected', () => {
    const config = clinicConfig();
    const broken = { ...config, categories: { marketing: { services: [{ ...config.categories!.marketing!.services![0]!, country: 'Korea' }] } } };
    expect(checkConfig(broken)).toEqual(['categories.marketing.services[0].country: expected a two-letter ISO 3166-1 country code such as "KR" or "US", got "Korea"']);
  });

  it('asks for the recipient\'s country whenever a third party is named', () => {
    const config = clinicConfig();
    const { country, ...withoutCountry } = config.categories!.marketing!.services![0]!;
    expect(checkConfig({ ...config, categories: { marketing: { services: [withoutCountry] } } })).toEqual([
      "categories.marketing.services[0].country: expected the recipient's two-letter country code, required with thirdParty, got nothing",
    ]);
  });

  it('reports a misspelt field instead of ignoring it', () => {
    const problems = checkConfig({ ...clinicConfig(), policyVersion: '2' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^policyVersion: unknown field/);
  });

  it('reports every problem, not just the first', () => {
    const problems = checkConfig({ siteId: '', policy: { url: 'javascript:alert(1)' }, consentLifetimeDays: 0, ui: { theme: 'pink' } });
    expect(problems.map((line) => line.split(':')[0])).toEqual(['siteId', 'policy.url', 'policy.version', 'consentLifetimeDays', 'ui.theme']);
  });

  it('rejects duplicate service ids across categories', () => {
    const config = clinicConfig();
    const twice = { ...config, categories: { analytics: config.categories!.marketing!, marketing: config.categories!.marketing! } };
    expect(checkConfig(twice)).toEqual(['categories.marketing.services[0].id: expected an id no other service uses, got "medisian-ads"']);
  });

  it('accepts Consent Mode signals mapped to a category or a fixed value, and nothing else', () => {
    expect(checkConfig({ ...clinicConfig(), consentMode: { signals: { functionality_storage: 'analytics', security_storage: 'granted' } } })).toEqual([]);
    expect(checkConfig({ ...clinicConfig(), consentMode: { signals: { ad_storage: 'ads' } } })).toEqual([
      'consentMode.signals.ad_storage: expected "granted", "denied" or a category id (necessary, analytics, marketing), got "ads"',
    ]);
    expect(checkConfig({ ...clinicConfig(), consentMode: { signals: { adStorage: 'marketing' } } })[0]).toMatch(/^consentMode\.signals\.adStorage: unknown field/);
  });

  it('says what it got for something that is not an object at all', () => {
    expect(checkConfig('{"siteId": "x"}')).toEqual(['config: expected an object, got "{\\"siteId\\": \\"x\\"}"']);
    expect(checkConfig(null)).toEqual(['config: expected an object, got null']);
  });

  it('holds the site id to the collector\'s pattern: "Clinic_A" passed before and every receipt was then refused', () => {
    expect(checkConfig({ ...clinicConfig(), siteId: 'Clinic_A' })).toEqual([
      'siteId: expected the site id registered at the collector: 2 to 63 lower-case letters, digits and "-", not starting with "-", got "Clinic_A"',
    ]);
  });

  it('caps what receipts carry at the collector\'s limits: purpose 500, thirdParty 200, policy.version 64, texts 4000', () => {
    const config = clinicConfig();
    const service = { ...config.categories!.marketing!.services![0]!, purpose: { ko: 'p'.repeat(501) }, thirdParty: 't'.repeat(201) };
    const problems = checkConfig({
      ...config,
      policy: { url: '/privacy', version: 'v'.repeat(65) },
      categories: { marketing: { purpose: 'p'.repeat(500), services: [service] } },
      texts: { en: { bannerTitle: 'b'.repeat(4001), analyticsPurpose: 'a'.repeat(501) } },
    });
    expect(problems.map((line) => line.split(': expected')[0])).toEqual([
      'policy.version',
      'categories.marketing.services[0].thirdParty',
      'categories.marketing.services[0].purpose',
      'texts.en.bannerTitle',
      'texts.en.analyticsPurpose',
    ]);
  });

  it('refuses text with a broken character, which no receipt could be hashed over', () => {
    expect(checkConfig({ ...clinicConfig(), languages: ['ko', 'en'], texts: { en: { bannerTitle: 'Cookies \uD83D' } } })).toEqual([
      'texts.en.bannerTitle: expected text without broken characters (a lone UTF-16 surrogate or a NUL), got "Cookies \\ud83d"',
    ]);
  });

  // Regression (found by the property test once it used the collector's own parser): the collector refuses a
  // NUL in any string with a final 400, so a config with one would have every receipt refused for good.
  it('refuses a NUL in any text, which the collector cannot store', () => {
    const config = clinicConfig();
    const problems = checkConfig({ ...config, policy: { ...config.policy, version: '2026\u0000' } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^policy\.version: expected text without broken characters \(a lone UTF-16 surrogate or a NUL\)/);
  });
});
