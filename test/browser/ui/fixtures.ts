// The real consent core (config check, store, IndexedDB + cookie storage) started the way the loader
// starts it, with the UI as its lazy part, plus a config shaped like the demo clinic's.
import { createStore, del } from 'idb-keyval';
import type { ClinicConsentApi, UiLanguage } from '../../../src/api.js';
import { localeChoice } from '../../../src/config/locale-choice.js';
import type { ClinicConsentConfig, ResolvedConfig } from '../../../src/config/types.js';
import { startClinicConsent } from '../../../src/loader/start.js';
import { localeFiles } from '../../../src/ui/locales/index.js';
import { CHOICE_COOKIE, HOST_CHOICE_COOKIE } from '../../../src/storage/choice-cookie.js';

export function clinicConfig(overrides: Partial<ClinicConsentConfig> = {}): ClinicConsentConfig {
  return {
    siteId: 'ui-test-clinic',
    policy: { url: '/demo/privacy.html', version: '2026-11' },
    consentMode: { enabled: false },
    categories: {
      analytics: {
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
      marketing: {
        services: [{ id: 'medisian-pixel', name: 'Medisian Event Pixel', thirdParty: 'Medisian Inc.', country: 'US', cookies: [{ name: '_mdp' }] }],
      },
    },
    ...overrides,
  };
}

/** Forgets any stored choice, so the next core starts as a first visit. */
export async function forgetChoice(): Promise<void> {
  document.cookie = `${CHOICE_COOKIE}=; Path=/; Max-Age=0`;
  document.cookie = `${HOST_CHOICE_COOKIE}=; Path=/; Max-Age=0; Secure`;
  await del('choice', createStore('cc-clinic', 'choice'));
}

/** Starts the real core; the loader's lazy UI import is this repository's UI entry. */
export async function startCore(config: ClinicConsentConfig = clinicConfig()): Promise<ClinicConsentApi> {
  const api = startClinicConsent(config, {
    ui: () => import('../../../src/ui/index.js'),
    checker: () => import('../../../src/config/check-part.js'),
    placeholder: () => import('../../../src/blockers/placeholder.js'),
    launcher: () => import('../../../src/loader/launcher.js'),
    locale: (bundle) => localeFiles[bundle](),
  });
  await api.ready;
  return api;
}

/** What the loader hands the UI: its language choice for this config and the texts files. */
export function uiLanguage(config: ResolvedConfig): UiLanguage {
  return { speaks: localeChoice(config), texts: (bundle) => localeFiles[bundle]() };
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
