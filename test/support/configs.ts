// Realistic clinic configurations shared by the tests, modelled on real Korean clinics' privacy policies:
// an analytics service and a marketing service whose third party is Medisian Inc.
import type { ClinicConsentConfig, ServiceConfig } from '../../src/config/types.js';

export const medisianAds: ServiceConfig = {
  id: 'medisian-ads',
  name: { en: 'Medisian marketing', ko: '메디시안 마케팅' },
  thirdParty: 'Medisian Inc.',
  country: 'KR',
  purpose: { en: 'Counts visits to events to offer differentiated information', ko: '이벤트 방문 횟수 파악 및 차별화된 정보 제공' },
  cookies: [{ name: '_fbp', retention: '90 days' }],
};

export const siteAnalytics: ServiceConfig = {
  id: 'site-analytics',
  name: 'Site analytics',
  thirdParty: 'Google LLC',
  country: 'US',
  purpose: { en: 'Visit frequency and time, tastes and interests', ko: '방문 빈도 및 시간, 취향과 관심사 분석' },
  cookies: [{ name: '_ga', retention: '2 years' }, { name: '_ga_*', retention: '2 years' }],
};

export function clinicConfig(overrides: Partial<ClinicConsentConfig> = {}): ClinicConsentConfig {
  return {
    siteId: 'cellreand',
    policy: { url: '/demo/privacy.html', version: '2024-05' },
    categories: {
      analytics: { services: [siteAnalytics] },
      marketing: { services: [medisianAds] },
    },
    ...overrides,
  };
}
