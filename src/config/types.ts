// The clinic's configuration: what a clinic writes (ClinicConsentConfig) and what the SDK uses
// after validation and defaults (ResolvedConfig). Types only: check.ts validates, resolve.ts fills defaults.
import type { TrackingConfig, TrackingConfigInput } from './tracking.js';

/** A text in one language, or in several keyed by BCP 47 language code ("ko", "en", "ja"). */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** A cookie a service sets, so the SDK can name it to the patient and delete it on refusal. */
export interface CookieRule {
  /** Exact name, or a pattern with `*` wildcards (e.g. `_ga_*`). */
  readonly name: string;
  /** Domain the cookie is set on; defaults to the site's registrable domain. */
  readonly domain?: string;
  /** How long it is kept, as shown to the patient (e.g. "2 years"). */
  readonly retention?: LocalizedText;
}

/** One third-party or first-party service inside a category (e.g. Naver Analytics). */
export interface ServiceConfig {
  /** Stable identifier, lower-case letters, digits and dashes; used in markup (`data-consent="analytics:naver-analytics"`). */
  readonly id: string;
  /** Display name. */
  readonly name: LocalizedText;
  /** Who receives the data, e.g. "Medisian Inc." or "NAVER Corp.". */
  readonly thirdParty?: LocalizedText;
  /** Recipient's country as an ISO 3166-1 alpha-2 code, for overseas-transfer notices. */
  readonly country?: string;
  /** Why the data is sent, in plain words. */
  readonly purpose?: LocalizedText;
  /** What is sent (e.g. "pages visited, visit time, device type"). */
  readonly dataSent?: LocalizedText;
  readonly cookies?: readonly CookieRule[];
  /** localStorage keys the service writes (`*` wildcards allowed), cleared on refusal. */
  readonly localStorageKeys?: readonly string[];
}

export interface CategoryConfig {
  /** Title shown to the patient; built-in categories have translated defaults. */
  readonly label?: LocalizedText;
  /** Purpose in plain words; built-in categories default to the seeds' Article 10 wording. */
  readonly purpose?: LocalizedText;
  readonly services?: readonly ServiceConfig[];
}

/** The seven Google Consent Mode v2 signals. */
export type ConsentModeSignal =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export interface ConsentModeConfig {
  /** Off by default only when a site says so; on, the loader defines gtag and sends defaults. */
  readonly enabled?: boolean;
  /**
   * Which category grants each signal, or a fixed 'granted' / 'denied'.
   * Default: ad_* → marketing, analytics_storage → analytics, the other three → granted.
   */
  readonly signals?: Readonly<Partial<Record<ConsentModeSignal, string>>>;
  /** Milliseconds Google tags wait for an update before using the defaults (default 500). */
  readonly waitForUpdate?: number;
}

export type ThemeSetting = 'auto' | 'light' | 'dark';

export interface UiConfig {
  /** Show the small floating button that reopens the preference center (default true). */
  readonly floatingButton?: boolean;
  /**
   * Show separate analytics / marketing switches on the banner's first layer, as Korea's PIPA
   * (Art. 22) asks for separate consent per item. Default: on for Korean, off otherwise.
   */
  readonly firstLayerToggles?: boolean;
  readonly theme?: ThemeSetting;
}

/** What a clinic writes, in a `<script type="application/json">` block or `window.ClinicConsentConfig`. */
export interface ClinicConsentConfig {
  /** Identifies the site at the receipt collector. */
  readonly siteId: string;
  readonly policy: {
    /** URL of the privacy policy page. */
    readonly url: string;
    /** The policy's version; a change shows a notice of the change without wiping grants. */
    readonly version: string;
  };
  /** `necessary` is always present and always on; `analytics` and `marketing` are built in; others are allowed. */
  readonly categories?: Readonly<Record<string, CategoryConfig>>;
  /** How long a choice holds before the patient is asked again (default 365 days). */
  readonly consentLifetimeDays?: number;
  /** Where receipts are sent; without it, receipts are kept in the browser only. */
  readonly receiptEndpoint?: string;
  /** Locales the site offers (default ["ko", "en", "ja"]). */
  readonly languages?: readonly string[];
  /** Force a locale instead of following `<html lang>` and the browser. */
  readonly locale?: string;
  /** Text overrides per locale, by text key. */
  readonly texts?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly consentMode?: ConsentModeConfig;
  readonly ui?: UiConfig;
  /** Domain for the SDK's own choice cookie; default: none (host-only). */
  readonly cookieDomain?: string;
  /** Tracking control for snippets pasted as-is: catalog, sensitive paths, session replay, Google mode. */
  readonly tracking?: TrackingConfigInput;
  /**
   * Honour the browser's Global Privacy Control signal (default true): a refusal of marketing is
   * recorded for the patient, and Accept all leaves marketing off; the patient may still switch it on.
   */
  readonly globalPrivacyControl?: boolean;
  /**
   * Written by `clinic-consent check config.json --stamp` when the config passed the check: the SDK
   * version and a hash of the rest of the config. While both still match, the loader skips the
   * runtime config check; after any edit (or with another SDK version) the check runs as usual.
   */
  readonly checked?: string;
}

export interface ResolvedCategory {
  readonly id: string;
  /** True for `necessary`: shown, locked on. */
  readonly required: boolean;
  readonly label?: LocalizedText;
  readonly purpose?: LocalizedText;
  readonly services: readonly ServiceConfig[];
}

/** The configuration after validation, with every default filled in. */
export interface ResolvedConfig {
  readonly siteId: string;
  readonly policy: { readonly url: string; readonly version: string };
  /** In display order; `necessary` first. */
  readonly categories: readonly ResolvedCategory[];
  readonly consentLifetimeDays: number;
  readonly receiptEndpoint: string | null;
  readonly languages: readonly string[];
  readonly locale: string | null;
  readonly texts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly consentMode: {
    readonly enabled: boolean;
    readonly signals: Readonly<Record<ConsentModeSignal, string>>;
    readonly waitForUpdate: number;
  };
  readonly ui: { readonly floatingButton: boolean; readonly firstLayerToggles: boolean | null; readonly theme: ThemeSetting };
  readonly cookieDomain: string | null;
  /** The trackers the guards act on (built-in and the clinic's), and the other tracking settings. */
  readonly tracking: TrackingConfig;
  readonly globalPrivacyControl: boolean;
}
