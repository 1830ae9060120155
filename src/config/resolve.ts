// Fills in the defaults of a configuration that check.ts has accepted. It trusts the shape
// (the loader runs it only on checked input), so it stays small enough for the loader.
import { resolveTracking, type TrackerEntry } from './tracking.js';
import type { ClinicConsentConfig, ConsentModeSignal, ResolvedConfig } from './types.js';

export const NECESSARY = 'necessary';

/** Consent Mode v2: which category grants each signal unless the clinic maps it otherwise. */
export const defaultSignals: Readonly<Record<ConsentModeSignal, string>> = {
  ad_storage: 'marketing',
  ad_user_data: 'marketing',
  ad_personalization: 'marketing',
  analytics_storage: 'analytics',
  functionality_storage: 'granted',
  personalization_storage: 'granted',
  security_storage: 'granted',
};

/** `trackers`: the blockers' built-in tracker entries (src/blockers/trackers.ts), which `tracking` may extend or switch off. */
export function resolveConfig(config: ClinicConsentConfig, trackers: readonly TrackerEntry[] = []): ResolvedConfig {
  const categories = config.categories ?? { analytics: {}, marketing: {} };
  return {
    siteId: config.siteId,
    policy: config.policy,
    categories: [NECESSARY, ...Object.keys(categories).filter((id) => id !== NECESSARY)].map((id) => ({
      ...categories[id],
      id,
      required: id === NECESSARY,
      services: categories[id]?.services ?? [],
    })),
    consentLifetimeDays: config.consentLifetimeDays ?? 365,
    receiptEndpoint: config.receiptEndpoint ?? null,
    languages: config.languages ?? ['ko', 'en', 'ja'],
    locale: config.locale ?? null,
    texts: config.texts ?? {},
    consentMode: {
      enabled: config.consentMode?.enabled ?? true,
      signals: { ...defaultSignals, ...config.consentMode?.signals },
      waitForUpdate: config.consentMode?.waitForUpdate ?? 500,
    },
    ui: {
      floatingButton: config.ui?.floatingButton ?? true,
      firstLayerToggles: config.ui?.firstLayerToggles ?? null,
      theme: config.ui?.theme ?? 'auto',
    },
    cookieDomain: config.cookieDomain ?? null,
    tracking: resolveTracking(config.tracking, trackers),
    globalPrivacyControl: config.globalPrivacyControl ?? true,
  };
}
