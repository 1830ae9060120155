// The classic script a clinic pastes first in <head>. It starts Clinic Consent synchronously and
// exposes window.ClinicConsent; the UI is fetched from ./<version>/ui/ beside this file only when
// needed, the other lazily loaded parts from ./<version>/parts/.
import type { ClinicConsentApi } from '../api.js';
import { readRawConfig } from '../config/read.js';
import { report } from '../errors.js';
import { startClinicConsent, VERSION } from './start.js';

declare global {
  interface Window {
    ClinicConsent?: ClinicConsentApi;
  }
}

try {
  const script = document.currentScript;
  // Chunks are fetched beside the loader's own URL, wherever the clinic hosts it, in the folder of
  // its own version (a cached loader never meets a newer release's chunks): the UI from
  // <version>/ui/, the other parts (config check, placeholder, receipts, impression, floating button) from <version>/parts/.
  const base = script instanceof HTMLScriptElement && script.src ? script.src : location.href;
  const chunk = (path: string, query = '') => import(new URL(`${VERSION}/${path}.js${query}`, base).href);
  // The browser keeps a failed import failed for its URL, so a retry after a network error asks
  // under a new one. Only the receipts chunk retries: it imports no other chunk, so no module
  // elsewhere expects it at its plain URL.
  let receiptsAttempts = 0;
  window.ClinicConsent ??= startClinicConsent(readRawConfig(script), {
    ui: () => chunk('ui/clinic-consent-ui'),
    checker: () => chunk('parts/config-check'),
    placeholder: () => chunk('parts/placeholder'),
    receipts: () => chunk('parts/receipts', receiptsAttempts++ ? `?attempt=${receiptsAttempts}` : ''),
    impression: () => chunk('parts/impression'),
    launcher: () => chunk('parts/launcher'),
    locale: (bundle) => chunk(`ui/locale-${bundle}`),
  });
} catch (error) {
  // Nothing escapes into the clinic's page; optional categories simply stay off.
  report('CC_ERR_INTERNAL', String(error));
}
