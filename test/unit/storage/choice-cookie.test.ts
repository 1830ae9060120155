import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';
import { fingerprints } from '../../../src/consent/fingerprint.js';
import { recordOf } from '../../../src/consent/rules.js';
import { decodeChoice, encodeChoice, readChoice } from '../../../src/storage/choice-cookie.js';
import { clinicConfig, medisianAds } from '../../support/configs.js';

const config = resolveConfig(clinicConfig());
const prints = fingerprints(config);

describe('choice cookie', () => {
  it('round-trips a record, except the consent id, which never goes into a cookie', () => {
    const record = recordOf(config, prints, { categories: ['analytics'] }, 'preferences', 'secret-id', 1_700_000_000_000);
    const value = encodeChoice(record, config);
    expect(value).not.toContain('secret-id');
    expect(decodeChoice(value, config)).toEqual({ ...record, consentId: '' });
  });

  it('keeps a service denied inside a granted category', () => {
    const two = resolveConfig({ ...clinicConfig(), categories: { marketing: { services: [medisianAds, { id: 'naver-ads', name: 'Naver ads' }] } } });
    const record = recordOf(two, fingerprints(two), { services: ['naver-ads'] }, 'preferences', 'id', 1_700_000_000_000);
    expect(decodeChoice(encodeChoice(record, two), two)?.services).toEqual({ 'medisian-ads': false, 'naver-ads': true });
  });

  it('keeps policy versions with separators in them intact', () => {
    const odd = resolveConfig(clinicConfig({ policy: { url: '/p', version: 'v2|2025,01:a' } }));
    const record = recordOf(odd, fingerprints(odd), {}, 'reject-all', 'id', 1);
    expect(decodeChoice(encodeChoice(record, odd), odd)?.policyVersion).toBe('v2|2025,01:a');
  });

  it('ignores malformed values instead of trusting them', () => {
    for (const value of ['', 'garbage', '2|a|b|0|v|analytics:1:x|', '1|zz|zz|9|v||', '1|1|2|0|v|analytics:yes:x|']) {
      expect(decodeChoice(value, config), value).toBeNull();
    }
  });
});

// Regression (issue 13, defect 2): a sibling subdomain can set `cc_choice` for the whole domain.
describe('readChoice', () => {
  const granted = encodeURIComponent(encodeChoice(recordOf(config, prints, { categories: ['analytics', 'marketing'] }, 'accept-all', 'id', 1), config));

  it('trusts only the __Host- cookie as this host\'s own', () => {
    expect(readChoice(`__Host-cc_choice=${granted}`, config)?.verified).toBe(true);
    expect(readChoice(`a=1; cc_choice=${granted}`, config)?.verified).toBe(false);
  });

  it('reads two cookies of one name (a sibling\'s on a deeper path) as no choice: ask again', () => {
    expect(readChoice(`cc_choice=${granted}; cc_choice=${granted}`, config)).toBeNull();
    expect(readChoice(`__Host-cc_choice=${granted}; x=1; __Host-cc_choice=${granted}`, config)).toBeNull();
  });

  it('reads nothing from a malformed or absent value', () => {
    expect(readChoice('cc_choice=%E0%A4%A', config)).toBeNull();
    expect(readChoice('xcc_choice=1', config)).toBeNull();
  });
});
