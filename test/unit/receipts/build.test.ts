// A receipt built by the SDK is one the collector accepts: valid against the shared schema, hashed
// over the same RFC 8785 bytes, and carrying nothing about the visitor beyond the consent id.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkReceipt } from '../../../collector/src/receipts.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import { fingerprints, consentVersion } from '../../../src/consent/fingerprint.js';
import { recordOf, everything } from '../../../src/consent/rules.js';
import type { ConsentRecord, DecisionMethod } from '../../../src/consent/types.js';
import { draftReceipt, jurisdictionOf, noTexts, receiptLocale, seal, textHash } from '../../../src/receipts/build.js';
import type { Decision } from '../../../src/receipts/types.js';
import { clinicConfig } from '../../support/configs.js';

const schema = JSON.parse(readFileSync(new URL('../../../schema/receipt.v1.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv().compile(schema);

const config = resolveConfig(clinicConfig({ policy: { url: '/privacy.html', version: '2024-05' } }));
const prints = fingerprints(config);
const context = { config, sdkVersion: '0.1.0', deviceClass: 'mobile' as const, pageUrl: 'https://clinic.example/ko/', pageLocale: 'ko-KR' };
const shown = { locale: 'ko', strings: { bannerTitle: '쿠키 사용 안내', analyticsPurpose: '방문 빈도 및 시간 분석' } };

function decision(method: DecisionMethod, record: ConsentRecord = recordOf(config, prints, method === 'accept-all' ? everything(config) : {}, method, 'c0ffee00-1234-4abc-8def-0123456789ab', Date.UTC(2026, 10, 23, 9))): Decision {
  return { record, consentVersion: consentVersion(prints), shown };
}

async function build(d: Decision, prev: string | null = null) {
  return seal(draftReceipt(context, d, '3f1e2d4c-5b6a-4789-8abc-def012345678', await textHash(d.shown ?? noTexts('ko'))), prev);
}

describe('a built receipt', () => {
  it('is valid against the shared schema and its hash is the one the collector recomputes', async () => {
    const receipt = await build(decision('accept-all'));
    expect(validate(receipt), JSON.stringify(validate.errors)).toBe(true);
    expect(() => checkReceipt(receipt), 'the collector accepts the hash').not.toThrow();
  });

  it('records the decision per category and per service, with purpose, recipient and country', async () => {
    const receipt = await build(decision('reject-all'));
    expect(receipt.categories).toMatchObject({ necessary: { granted: true }, analytics: { granted: false }, marketing: { granted: false } });
    expect(receipt.services['medisian-ads']).toEqual({
      category: 'marketing',
      granted: false,
      purpose: '이벤트 방문 횟수 파악 및 차별화된 정보 제공',
      thirdParty: 'Medisian Inc.',
      country: 'KR',
    });
    expect(receipt.categories.analytics?.purpose, 'a built-in category takes the purpose the patient read').toBe('방문 빈도 및 시간 분석');
    expect(receipt).toMatchObject({ method: 'reject-all', locale: 'ko', jurisdiction: 'KR', clientTime: '2026-11-23T09:00:00.000Z', policy: { url: 'https://clinic.example/privacy.html', version: '2024-05' } });
  });

  it('links to the previous receipt of the same consent id, and any change to a field changes its hash', async () => {
    const first = await build(decision('accept-all'));
    const second = await build(decision('withdraw'), first.hash);
    expect(second.prev).toBe(first.hash);
    const edited = { ...second, categories: { ...second.categories, marketing: { granted: true, purpose: 'x' } } };
    expect(() => checkReceipt(edited), 'an edited receipt no longer matches its hash').toThrow(/expected/);
  });

  it('carries no identifier beyond the consent id: only the schema\'s fields, none holding a user agent or address', async () => {
    const receipt = await build(decision('accept-all'));
    expect(Object.keys(receipt).sort()).toEqual(
      ['categories', 'clientTime', 'consentId', 'consentVersion', 'deviceClass', 'hash', 'id', 'jurisdiction', 'locale', 'method', 'policy', 'prev', 'schema', 'sdkVersion', 'services', 'siteId', 'textHash'],
    );
    expect(JSON.stringify(receipt)).not.toMatch(/Mozilla|Chrome|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
  });

  it('keeps a GPC refusal made before any other choice to the categories it decided', async () => {
    const record: ConsentRecord = {
      ...recordOf(config, prints, {}, 'gpc', 'c0ffee00-1234-4abc-8def-0123456789ab', Date.UTC(2026, 10, 23)),
      categories: { necessary: true, marketing: false },
      services: { 'medisian-ads': false },
    };
    const receipt = await build({ ...decision('gpc', record), shown: null });
    expect(Object.keys(receipt.categories)).toEqual(['necessary', 'marketing']);
    expect(receipt.method).toBe('gpc');
    expect(receipt.textHash, 'no texts shown: the stand-in is hashed').toBe(await textHash(noTexts('ko')));
    expect(validate(receipt), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('locale and jurisdiction', () => {
  it.each([
    ['ko-KR', 'ko-KR'],
    ['EN', 'en'],
    ['ja_JP', 'ja-JP'],
    ['', 'en'],
    ['not a tag!', 'en'],
  ])('receiptLocale(%j) is %j', (tag, expected) => {
    expect(receiptLocale(tag)).toBe(expected);
  });

  it('follows the clinic\'s home language, not the visitor\'s', () => {
    expect(jurisdictionOf(resolveConfig(clinicConfig()))).toBe('KR');
    expect(jurisdictionOf(resolveConfig(clinicConfig({ languages: ['ja', 'en'] })))).toBe('JP');
    expect(jurisdictionOf(resolveConfig(clinicConfig({ languages: ['en-SG'] })))).toBe('SG');
  });
});
