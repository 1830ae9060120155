// The disclosure a receipt records is the one the preference center lists: one builder resolves every category's
// and service's texts in the language on screen, the receipts chunk adds them to the texts under the text hash,
// and the demo's receipt stays within the collector's body limit with them, in every language it offers.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkReceipt } from '../../../collector/src/receipts.js';
import type { ShownTexts } from '../../../schema/types.js';
import { shownDisclosure } from '../../../src/config/disclosure.js';
import { bundleFor } from '../../../src/config/locale-choice.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import type { ClinicConsentConfig } from '../../../src/config/types.js';
import { consentVersion, fingerprints } from '../../../src/consent/fingerprint.js';
import { everything, recordOf } from '../../../src/consent/rules.js';
import { draftReceipt, recordedTexts, seal, textHash } from '../../../src/receipts/build.js';
import type { Texts } from '../../../src/ui/texts.js';
import { withOverrides } from '../../../src/ui/texts.js';
import { clinicConfig, medisianAds } from '../../support/configs.js';

const textsOf = async (locale: string): Promise<Texts> => ((await import(`../../../src/ui/locales/${bundleFor(locale)}.ts`)) as { default: Texts }).default;
const [ko, ja] = await Promise.all([textsOf('ko'), textsOf('ja')]);

describe('the disclosure shown', () => {
  const config = resolveConfig(clinicConfig({
    categories: {
      analytics: { services: [{ id: 'naver-analytics', name: { ko: '네이버 애널리틱스', ja: 'NAVERアナリティクス', en: 'Naver Analytics' }, thirdParty: { ko: '네이버(주)', en: 'NAVER Corp.' }, country: 'KR', cookies: [{ name: 'wcs_bt', retention: { ko: '1년', ja: '1年' } }] }] },
      marketing: { label: { ko: '광고 쿠키', ja: '広告Cookie' }, purpose: { ko: '맞춤 광고', ja: 'おすすめ広告' }, services: [medisianAds] },
    },
  }));

  it('resolves every category and service in Korean, as the preference center lists them', () => {
    const [necessary, analytics, marketing] = shownDisclosure(config, 'ko', ko);
    expect(necessary, 'a built-in category without texts of its own takes the locale defaults').toEqual({ id: 'necessary', name: ko.necessaryLabel, description: ko.necessaryPurpose, services: [] });
    expect(analytics).toEqual({
      id: 'analytics',
      name: '분석 쿠키',
      description: ko.analyticsPurpose,
      services: [{ id: 'naver-analytics', name: '네이버 애널리틱스', thirdParty: '네이버(주)', country: '대한민국', cookies: [{ name: 'wcs_bt', retention: '1년' }] }],
    });
    expect(marketing, "the clinic's own label and purpose win over the defaults").toMatchObject({ name: '광고 쿠키', description: '맞춤 광고' });
    expect(marketing?.services[0]).toEqual({
      id: 'medisian-ads', name: '메디시안 마케팅', purpose: '이벤트 방문 횟수 파악 및 차별화된 정보 제공', thirdParty: 'Medisian Inc.', country: '대한민국', cookies: [{ name: '_fbp', retention: '90 days' }],
    });
  });

  it('resolves them in Japanese, falling back to English where the clinic gave no Japanese', () => {
    const [, analytics, marketing] = shownDisclosure(config, 'ja', ja);
    expect(analytics?.name).toBe('分析用Cookie');
    expect(analytics?.services[0]).toEqual({ id: 'naver-analytics', name: 'NAVERアナリティクス', thirdParty: 'NAVER Corp.', country: '韓国', cookies: [{ name: 'wcs_bt', retention: '1年' }] });
    expect(marketing).toMatchObject({ name: '広告Cookie', description: 'おすすめ広告', services: [{ name: 'Medisian marketing', purpose: 'Counts visits to events to offer differentiated information' }] });
  });

  it('leaves out what the clinic did not give, rather than recording empty texts', () => {
    const [, analytics] = shownDisclosure(config, 'ko', ko);
    expect(Object.keys(analytics?.services[0] ?? {}), 'no purpose and no data sent were given').not.toEqual(expect.arrayContaining(['purpose']));
    expect(analytics?.services[0]).not.toHaveProperty('dataSent');
  });

  it('keeps a text with markup as the text it is', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const [, analytics] = shownDisclosure(resolveConfig(clinicConfig({ categories: { analytics: { label: hostile, services: [{ id: 'x-widget', name: hostile }] } } })), 'ko', ko);
    expect(analytics).toMatchObject({ name: hostile, services: [{ name: hostile }] });
  });
});

describe('the texts a receipt records', () => {
  const config = resolveConfig(clinicConfig());
  const shown: ShownTexts = { locale: 'ko', strings: { ...ko } };

  it('carry the disclosure under the text hash: another service name is another hash', async () => {
    const texts = recordedTexts(config, shown, 'ko');
    expect(texts.disclosure, 'the preference center lists the same').toEqual(shownDisclosure(config, 'ko', ko));
    const renamed = resolveConfig(clinicConfig({ categories: { marketing: { services: [{ ...medisianAds, name: '다른 이름' }] } } }));
    expect(await textHash(recordedTexts(renamed, shown, 'ko'))).not.toBe(await textHash(texts));
  });

  it('claim no disclosure for a decision made without the banner or preference center', () => {
    const texts = recordedTexts(config, null, 'ko');
    expect(texts.disclosure).toBeUndefined();
    expect(texts.strings['sdk.none']).toBeDefined();
  });
});

// Measured when written: Thai is the largest, 11,143 bytes (8,486 without the disclosure); Japanese 7,111.
describe("the demo clinic's receipt with its texts attached", () => {
  const sandbox: { window: { ClinicConsentConfig?: ClinicConsentConfig } } = { window: {} };
  runInNewContext(readFileSync(new URL('../../../demo/clinic-config.js', import.meta.url), 'utf8'), sandbox);
  const demo = resolveConfig(sandbox.window.ClinicConsentConfig as ClinicConsentConfig);
  const validate = new Ajv().compile(JSON.parse(readFileSync(new URL('../../../schema/receipt.v1.schema.json', import.meta.url), 'utf8')) as object);
  const prints = fingerprints(demo);
  const record = recordOf(demo, prints, everything(demo), 'accept-all', 'c0ffee00-1234-4abc-8def-0123456789ab', Date.UTC(2026, 10, 23, 9));
  // What a version-2 receipt adds (schema/device.ts): the browser key's JWK, its signature, a "k-" consent id.
  const signed = { consentId: `k-${'a'.repeat(43)}`, deviceKey: { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) }, signature: 's'.repeat(86) };

  it.each(demo.languages)('is valid and under the collector\'s 16 KiB body limit in %s', async (locale) => {
    const strings = withOverrides(await textsOf(locale), demo.texts[locale]);
    const texts = recordedTexts(demo, { locale, strings: { ...strings } }, locale);
    const context = { config: demo, sdkVersion: '0.1.0', deviceClass: 'mobile' as const, pageUrl: 'https://clinic.example/', pageLocale: locale };
    const receipt = await seal(draftReceipt(context, { record, consentVersion: consentVersion(prints), shown: texts }, '3f1e2d4c-5b6a-4789-8abc-def012345678', await textHash(texts)), null);
    const body = { ...receipt, texts };
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(() => checkReceipt(body), 'the collector accepts its text hash').not.toThrow();
    expect(texts.disclosure?.flatMap((category) => category.services.map((service) => service.id))).toEqual(['clinic-website', 'medisian-analytics', 'medisian-event-pixel']);
    expect(Buffer.byteLength(JSON.stringify({ ...body, ...signed })), 'bytes of the largest body the browser sends').toBeLessThan(16 * 1024);
  });
});
