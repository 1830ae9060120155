// The ES module entry for sites that bundle: `start(config)` does what the classic loader does,
// with the UI as a lazily imported chunk of the site's own build.
import type { ClinicConsentApi } from './api.js';
import type { ClinicConsentConfig } from './config/types.js';
import { startClinicConsent } from './loader/start.js';
import { localeFiles } from './ui/locales/index.js';

export type { ClinicConsentApi, UiHandle, UiModule } from './api.js';
export type * from './config/types.js';
export type * from './consent/types.js';
export { ConsentChangeEvent, type ConsentChangeDetail, type ChangeReason } from './consent/events.js';
export { VERSION } from './loader/start.js';

/** Starts Clinic Consent with a config object. Call it once, as early as the page allows. */
export function start(config: ClinicConsentConfig): ClinicConsentApi {
  return startClinicConsent(config, {
    ui: () => import('./ui/index.js'),
    checker: () => import('./config/check-part.js'),
    placeholder: () => import('./blockers/placeholder.js'),
    receipts: () => import('./receipts/index.js'),
    impression: () => import('./receipts/impression.js'),
    launcher: () => import('./loader/launcher.js'),
    locale: (bundle) => localeFiles[bundle](),
  });
}
