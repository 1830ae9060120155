import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';
import { clinicConfig } from '../../support/configs.js';

describe('resolveConfig', () => {
  it('puts necessary first, always required, followed by the clinic\'s categories in order', () => {
    const config = resolveConfig(clinicConfig());
    expect(config.categories.map((category) => [category.id, category.required])).toEqual([
      ['necessary', true],
      ['analytics', false],
      ['marketing', false],
    ]);
  });

  it('defaults to analytics and marketing, a 12-month lifetime, ko/en/ja and Consent Mode on', () => {
    const config = resolveConfig({ siteId: 'clinic', policy: { url: '/privacy', version: '1' } });
    expect(config.categories.map((category) => category.id)).toEqual(['necessary', 'analytics', 'marketing']);
    expect(config.consentLifetimeDays).toBe(365);
    expect(config.languages).toEqual(['ko', 'en', 'ja']);
    expect(config.consentMode).toEqual({
      enabled: true,
      waitForUpdate: 500,
      signals: {
        ad_storage: 'marketing',
        ad_user_data: 'marketing',
        ad_personalization: 'marketing',
        analytics_storage: 'analytics',
        functionality_storage: 'granted',
        personalization_storage: 'granted',
        security_storage: 'granted',
      },
    });
    expect(config.receiptEndpoint).toBeNull();
  });

  it('lets the clinic remap one Consent Mode signal and keeps the others', () => {
    const config = resolveConfig(clinicConfig({ consentMode: { signals: { personalization_storage: 'marketing' } } }));
    expect(config.consentMode.signals.personalization_storage).toBe('marketing');
    expect(config.consentMode.signals.ad_storage).toBe('marketing');
  });
});
