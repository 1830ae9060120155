// The UI entry (dist/<version>/ui/clinic-consent-ui.js), imported by the loader only when something must be
// shown: defines <clinic-consent> (and, on a page that has one, <clinic-consent-disclosure>) and
// returns the handle the loader drives them with. Side effects happen in mountUi only.
import type { ClinicConsentApi, UiHandle, UiLanguage } from '../api.js';
import { ClinicConsentElement } from './clinic-consent/clinic-consent.js';
import type { ClinicConsentDisclosureElement } from './disclosure/clinic-consent-disclosure.js';
import { LocaleState } from './locale.js';

export { ClinicConsentElement };
export type { ClinicConsentDisclosureElement };
export type { Texts } from './texts.js';
export { BannerToggleEvent, PreferencesToggleEvent } from './events.js';

declare global {
  interface HTMLElementTagNameMap {
    'clinic-consent': ClinicConsentElement;
    'clinic-consent-disclosure': ClinicConsentDisclosureElement;
  }
}

const handles = new WeakMap<ClinicConsentApi, UiHandle>();

/** Creates the UI once per api (later calls return the same handle). */
export function mountUi(api: ClinicConsentApi, language: UiLanguage): UiHandle {
  const existing = handles.get(api);
  if (existing) return existing;
  if (!customElements.get('clinic-consent')) customElements.define('clinic-consent', ClinicConsentElement);
  const locales = new LocaleState(api.config, language);
  const element = document.createElement('clinic-consent');
  element.api = api;
  element.locales = locales;
  if (api.config.ui.theme !== 'auto') element.theme = api.config.ui.theme;
  const ready = locales.start();

  // First in <body>, so keyboard and screen-reader users meet the banner first (GOV.UK does the same).
  // The host has no height of its own (the banner is fixed, the dialog is in the top layer): nothing moves.
  // The loader may import this before <body> exists.
  const attach = (): void => {
    if (!element.isConnected) document.body.prepend(element);
    // Only a privacy-policy page carries the disclosure table: fetch its code there, nowhere else.
    if (document.querySelector('clinic-consent-disclosure')) {
      void import('./disclosure/clinic-consent-disclosure.js').then(({ mountDisclosures }) => mountDisclosures(api.config, locales));
    }
  };
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });

  const handle: UiHandle = {
    showBanner: () =>
      ready.then(async () => {
        if (!element.showBanner()) return false;
        await element.updateComplete;
        return true;
      }),
    openPreferences: () => void ready.then(() => element.openPreferences()),
    setLocale: (locale) => void locales.setLocale(locale),
    shownTexts: () => (locales.texts ? { locale: locales.locale, strings: { ...locales.texts } } : null),
  };
  handles.set(api, handle);
  return handle;
}
