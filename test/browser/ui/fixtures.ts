// A resolved config shaped like the demo clinic's, and an api around it for component tests.
// TODO(core): replace the in-memory api with the real consent store once src/consent lands.
import type { ClinicConsentApi } from '../../../src/api.js';
import type { ResolvedConfig } from '../../../src/config/types.js';
import type { ConsentChoice, ConsentSnapshot, DecisionMethod } from '../../../src/consent/types.js';

export function makeConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    siteId: 'demo-clinic',
    policy: { url: '/demo/privacy.html', version: '2026-11' },
    categories: [
      { id: 'necessary', required: true, services: [] },
      {
        id: 'analytics',
        required: false,
        services: [
          {
            id: 'medisian-analytics',
            name: 'Medisian Analytics',
            thirdParty: { ko: '(주)메디시안', en: 'Medisian Inc.', ja: 'Medisian Inc.' },
            country: 'KR',
            purpose: { en: 'Visit statistics', ko: '방문 통계', ja: '訪問統計' },
            dataSent: 'pages, visit time',
            cookies: [{ name: '_mda', retention: { en: '1 year', ko: '1년', ja: '1年' } }],
          },
        ],
      },
      {
        id: 'marketing',
        required: false,
        services: [{ id: 'medisian-pixel', name: 'Medisian Event Pixel', thirdParty: 'Medisian Inc.', country: 'US', cookies: [{ name: '_mdp' }] }],
      },
    ],
    consentLifetimeDays: 365,
    receiptEndpoint: null,
    languages: ['ko', 'en', 'ja'],
    locale: null,
    texts: {},
    consentMode: {
      enabled: false,
      signals: {
        ad_storage: 'marketing',
        ad_user_data: 'marketing',
        ad_personalization: 'marketing',
        analytics_storage: 'analytics',
        functionality_storage: 'granted',
        personalization_storage: 'granted',
        security_storage: 'granted',
      },
      waitForUpdate: 500,
    },
    ui: { floatingButton: true, firstLayerToggles: null, theme: 'auto' },
    cookieDomain: null,
    ...overrides,
  };
}

export interface RecordingApi extends ClinicConsentApi {
  readonly calls: string[];
  lastChoice: ConsentChoice | null;
  setState(patch: Partial<ConsentSnapshot>): void;
}

export function makeApi(config: ResolvedConfig = makeConfig()): RecordingApi {
  const optional = config.categories.filter((category) => !category.required);
  let state: ConsentSnapshot = {
    consentId: null,
    known: true,
    decided: false,
    decidedAt: null,
    expiresAt: null,
    method: null,
    policyVersion: config.policy.version,
    policyChanged: false,
    consentVersion: 'v1',
    pending: optional.map((category) => category.id),
    expired: false,
    categories: Object.fromEntries(config.categories.map((category) => [category.id, category.required])),
    services: {},
  };
  const decide = (granted: readonly string[], method: DecisionMethod): Promise<ConsentSnapshot> => {
    state = {
      ...state,
      consentId: state.consentId ?? '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f',
      decided: true,
      decidedAt: Date.UTC(2026, 10, 23, 10, 30),
      method,
      pending: [],
      policyChanged: false,
      categories: Object.fromEntries(config.categories.map((category) => [category.id, category.required || granted.includes(category.id)])),
    };
    document.dispatchEvent(new Event('clinic-consent:change'));
    return Promise.resolve(state);
  };
  const api: RecordingApi = {
    version: '0.0.0-test',
    config,
    ready: Promise.resolve(state),
    calls: [],
    lastChoice: null,
    getState: () => state,
    isGranted: (category) => state.categories[category] === true,
    acceptAll() {
      api.calls.push('acceptAll');
      return decide(optional.map((category) => category.id), 'accept-all');
    },
    rejectAll() {
      api.calls.push('rejectAll');
      return decide([], 'reject-all');
    },
    accept(choice) {
      api.calls.push('accept');
      api.lastChoice = choice;
      return decide(choice.categories ?? [], 'preferences');
    },
    withdraw() {
      api.calls.push('withdraw');
      return decide([], 'withdraw');
    },
    openPreferences() {
      api.calls.push('openPreferences');
    },
    setLocale() {
      api.calls.push('setLocale');
    },
    setState(patch) {
      state = { ...state, ...patch };
      document.dispatchEvent(new Event('clinic-consent:change'));
    },
  };
  return api;
}

/** Waits for a condition the UI reaches asynchronously (texts loading, re-render). */
export async function until<T>(read: () => T | null | undefined | false, what: string, timeout = 3000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = read();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
