import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';
import { fingerprints } from '../../../src/consent/fingerprint.js';
import { everything, gpcRefusal, recordOf, snapshotOf, stricter } from '../../../src/consent/rules.js';
import { clinicConfig, medisianAds } from '../../support/configs.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23);
const config = resolveConfig(clinicConfig());
const prints = fingerprints(config);
const acceptedAll = recordOf(config, prints, everything(config), 'accept-all', 'id-1', now);

describe('snapshotOf', () => {
  it('asks about every optional category on a first visit and grants only necessary', () => {
    const state = snapshotOf(config, prints, null, now, true, false);
    expect(state.decided).toBe(false);
    expect(state.pending).toEqual(['analytics', 'marketing']);
    expect(state.categories).toEqual({ necessary: true, analytics: false, marketing: false });
  });

  it('applies a valid choice: decided, nothing pending, the grants as chosen', () => {
    const record = recordOf(config, prints, { categories: ['analytics'] }, 'preferences', 'id-1', now);
    const state = snapshotOf(config, prints, record, now + DAY, true, false);
    expect(state.decided).toBe(true);
    expect(state.categories).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(state.services).toEqual({ 'site-analytics': true, 'medisian-ads': false });
  });

  it('asks again after the consent lifetime, with nothing optional granted', () => {
    const state = snapshotOf(config, prints, acceptedAll, now + 366 * DAY, true, false);
    expect(state.expired).toBe(true);
    expect(state.decided).toBe(false);
    expect(state.categories.analytics).toBe(false);
  });

  it('applies a shortened lifetime to choices made under the longer one', () => {
    const shorter = resolveConfig(clinicConfig({ consentLifetimeDays: 30 }));
    expect(snapshotOf(shorter, fingerprints(shorter), acceptedAll, now + 31 * DAY, true, false).expired).toBe(true);
  });

  it('keeps grants when only the privacy-policy version changed, and says it changed', () => {
    const newPolicy = resolveConfig(clinicConfig({ policy: { url: '/privacy', version: '2025-01' } }));
    const state = snapshotOf(newPolicy, fingerprints(newPolicy), acceptedAll, now + DAY, true, false);
    expect(state.policyChanged).toBe(true);
    expect(state.decided).toBe(true);
    expect(state.categories).toEqual({ necessary: true, analytics: true, marketing: true });
  });

  it('asks again for marketing only when a marketing service is added', () => {
    const base = clinicConfig();
    const kakao = { id: 'kakao-pixel', name: 'Kakao pixel', thirdParty: 'Kakao Corp.', country: 'KR' };
    const added = resolveConfig({ ...base, categories: { ...base.categories, marketing: { services: [medisianAds, kakao] } } });
    const state = snapshotOf(added, fingerprints(added), acceptedAll, now + DAY, true, false);
    expect(state.pending).toEqual(['marketing']);
    expect(state.categories).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(state.consentVersion).not.toBe(snapshotOf(config, prints, acceptedAll, now, true, false).consentVersion);
  });

  it('asks again when a service\'s recipient country changes', () => {
    const base = clinicConfig();
    const moved = resolveConfig({ ...base, categories: { ...base.categories, marketing: { services: [{ ...medisianAds, country: 'US' }] } } });
    expect(snapshotOf(moved, fingerprints(moved), acceptedAll, now, true, false).pending).toEqual(['marketing']);
  });
});

describe('recordOf', () => {
  it('grants a listed category with all its services', () => {
    const record = recordOf(config, prints, { categories: ['marketing'] }, 'preferences', 'id', now);
    expect(record.services).toEqual({ 'site-analytics': false, 'medisian-ads': true });
    expect(record.expiresAt - record.decidedAt).toBe(365 * DAY);
  });

  it('grants a category through one of its services, and only that service', () => {
    const two = resolveConfig({ ...clinicConfig(), categories: { marketing: { services: [medisianAds, { id: 'naver-ads', name: 'Naver ads' }] } } });
    const record = recordOf(two, fingerprints(two), { services: ['naver-ads'] }, 'preferences', 'id', now);
    expect(record.categories.marketing).toBe(true);
    expect(record.services).toEqual({ 'medisian-ads': false, 'naver-ads': true });
  });

  it('never lets a choice deny necessary', () => {
    expect(recordOf(config, prints, {}, 'reject-all', 'id', now).categories.necessary).toBe(true);
  });
});

describe('stricter', () => {
  it('keeps a grant only where both records grant it', () => {
    const rejectedMarketing = recordOf(config, prints, { categories: ['analytics'] }, 'preferences', '', now - DAY);
    const merged = stricter(acceptedAll, rejectedMarketing);
    expect(merged.categories).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(merged.consentId).toBe('id-1');
    expect(merged.decidedAt).toBe(now);
  });
});

describe('Global Privacy Control', () => {
  it('records a refusal of marketing and leaves analytics to be asked', () => {
    const refusal = gpcRefusal(config, prints, null, 'id', now)!;
    expect(refusal.method).toBe('gpc');
    const state = snapshotOf(config, prints, refusal, now, true, true);
    expect(state.categories).toEqual({ necessary: true, analytics: false, marketing: false });
    expect(state.pending).toEqual(['analytics']);
    expect(state.gpc).toBe(true);
  });

  it('keeps an earlier analytics grant when it records the refusal', () => {
    const analyticsOnly = recordOf(config, prints, { categories: ['analytics'] }, 'preferences', 'id', now);
    const { categories, ...rest } = analyticsOnly;
    const withoutMarketing = { ...rest, categories: { necessary: true, analytics: true } };
    const refusal = gpcRefusal(config, prints, withoutMarketing, 'id', now)!;
    expect(snapshotOf(config, prints, refusal, now, true, true).categories).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(categories.marketing).toBe(false);
  });

  it('never overrides a current marketing decision, such as an explicit grant', () => {
    expect(gpcRefusal(config, prints, acceptedAll, 'id', now)).toBeNull();
  });

  it('makes Accept all leave marketing off', () => {
    expect(everything(config, true)).toEqual({ categories: ['necessary', 'analytics'], services: ['site-analytics'] });
  });
});
