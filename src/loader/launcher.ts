// The "cookie settings" floating button: plain DOM, no Lit, a part of its own (parts/launcher.js) that
// the loader fetches once a choice exists, so a returning visitor can reopen the preference center
// without downloading the UI first and a first visit does not download it before the choice (the
// button hides until then). Styled through an adopted stylesheet (no inline styles under a strict
// CSP). It learns what it needs by explicit hand-overs: the api (state, config), the loader's language
// choice and setLocale(), and the UI's public `clinic-consent:banner` event (src/ui/events.ts), never
// by the UI reaching into its DOM.

import type { ClinicConsentApi } from '../api.js';
import type { BundledLocale, LocaleChoice } from '../config/locale-choice.js';
import { isRightToLeft } from '../config/locale-tags.js';

// Each is the locale's `prefsTitle` (the confirmation tells the patient to look for it).
export const labels: Record<BundledLocale, string> = {
  ko: '쿠키 설정',
  ja: 'Cookie設定',
  en: 'Cookie settings',
  'zh-Hans': 'Cookie 设置',
  'zh-Hant': 'Cookie 設定',
  vi: 'Cài đặt cookie',
  th: 'การตั้งค่าคุกกี้',
  ru: 'Настройки cookie',
  mn: 'Күүкиний тохиргоо',
  ar: 'إعدادات ملفات تعريف الارتباط',
};

const css =
  ':host{position:fixed;inset-block-end:12px;inset-inline-start:12px;z-index:2147482999}' +
  ':host([data-cc-end]){inset-inline-start:auto;inset-inline-end:12px}' +
  ':host([hidden]){display:none}' +
  'button{font:inherit;font-size:14px;min-block-size:44px;padding:0 14px;border-radius:22px;cursor:pointer;' +
  'color:#fff;background:#0b5f7a;border:2px solid #fff;box-shadow:0 1px 6px #0008}' +
  'button:focus-visible{outline:3px solid #1c2430;outline-offset:2px}';


/**
 * Whether a `clinic-consent:banner` event says the banner is visible. Read by name, so any script on the
 * page can dispatch one: only the UI's own detail (`{ visible: true }`) counts, and nothing else throws.
 */
export const bannerVisible = (event: Event): boolean => (event as CustomEvent<{ visible?: unknown } | null>).detail?.visible === true;

/** What the loader hands over when it installs the button. */
export interface LauncherStart {
  /** A setLocale() made before. */
  readonly requested: string | null;
  /** Whether the banner shows now. */
  readonly banner: boolean;
  /** The loader's language choice (config/locale-choice.ts), so the button and the banner agree. */
  readonly speaks: LocaleChoice;
}

/** What the loader drives the button with. */
export interface Launcher {
  /** Follows ClinicConsent.setLocale(), as the banner does. */
  setLocale(locale: string): void;
}

/**
 * The floating button shows once a choice exists (the loader installs it only where the clinic left
 * `ui.floatingButton` on), and hides while the banner shows. It sits in the bottom start corner,
 * and moves to the other one when it would cover the focused element. It speaks the UI's language:
 * setLocale() until `<html lang>` changes, and the clinic's `prefsTitle` override of that language.
 */
export function installLauncher(api: Pick<ClinicConsentApi, 'config' | 'getState' | 'openPreferences'>, start: LauncherStart): Launcher {
  let { requested, banner } = start;
  const host = document.createElement('cc-launcher');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement('button');
  button.onclick = () => api.openPreferences();
  root.append(button);
  const update = (): void => {
    const state = api.getState();
    // Under the banner it would hide its own focus (WCAG 2.2 SC 2.4.11), and the banner asks anyway.
    host.hidden = !state.decided || state.policyChanged || banner;
    // The language the banner would speak, so the button and the preference center it opens agree.
    const { locale, bundle } = start.speaks(requested);
    button.textContent = api.config.texts[locale]?.prefsTitle ?? labels[bundle];
    host.lang = bundle;
    host.dir = isRightToLeft(bundle) ? 'rtl' : 'ltr';
  };
  update();
  // WCAG 2.2 SC 2.4.11: a focused element the button would cover sends it to the other corner.
  // After the browser's own focus scrolling, which runs once the focus events are dispatched.
  document.addEventListener('focusin', (event) =>
    requestAnimationFrame(() => {
      const a = (event.target as Element).getBoundingClientRect();
      const b = host.getBoundingClientRect();
      if (event.target !== host && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) host.toggleAttribute('data-cc-end');
    }),
  );
  document.addEventListener('clinic-consent:change', update);
  document.addEventListener('clinic-consent:banner', (event) => {
    banner = bannerVisible(event);
    update();
  });
  // As the UI does (ui/locale.ts): a later language switch on the site wins over an earlier setLocale().
  new MutationObserver(() => {
    requested = null;
    update();
  }).observe(document.documentElement, { attributeFilter: ['lang'] });
  // The loader runs in <head>, before <body> exists.
  if (document.body) document.body.append(host);
  else addEventListener('DOMContentLoaded', () => document.body.append(host));
  return {
    setLocale(locale) {
      requested = locale;
      update();
    },
  };
}
