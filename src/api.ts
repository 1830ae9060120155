// The public API: what `window.ClinicConsent` (and the ESM `start()` result) offers a site,
// and the narrow contract between the loader and the lazily loaded UI. Types only.
import type { ShownTexts } from '../schema/types.js';
import type { BundledLocale, LocaleChoice } from './config/locale-choice.js';
import type { ResolvedConfig } from './config/types.js';
import type { ConsentChoice, ConsentSnapshot } from './consent/types.js';
import type { ReceiptsApi } from './receipts/types.js';
import type { Texts } from './ui/texts.js';

export interface ClinicConsentApi {
  /** SDK version, e.g. "0.1.0". */
  readonly version: string;
  /** The validated configuration (fail-closed default when the clinic's config was invalid). */
  readonly config: ResolvedConfig;
  /** Resolves once the stored choice is known (read from IndexedDB, or found missing). Never rejects. */
  readonly ready: Promise<ConsentSnapshot>;
  /** The current state; before `ready`, it reflects the synchronous cookie read. */
  getState(): ConsentSnapshot;
  /** Whether a category (and, if given, one of its services) may run now. */
  isGranted(category: string, service?: string): boolean;
  /** Grants every category and service. */
  acceptAll(): Promise<ConsentSnapshot>;
  /** Denies every optional category and service. */
  rejectAll(): Promise<ConsentSnapshot>;
  /** Grants exactly the listed categories and services; every other optional one is denied. */
  accept(choice: ConsentChoice): Promise<ConsentSnapshot>;
  /** Withdraws consent: denies everything optional and deletes the categories' cookies. */
  withdraw(): Promise<ConsentSnapshot>;
  /** Opens the preference center (downloads the UI first if needed). */
  openPreferences(): void;
  /** Switches the UI's language at run time (also follows changes of `<html lang>`). */
  setLocale(locale: string): void;
  /** The patient's consent receipts kept in this browser: history and a JSON download. */
  readonly receipts: ReceiptsApi;
}

/** What the UI chunk (dist/<version>/ui/clinic-consent-ui.js) exports for the loader. */
export interface UiModule {
  /** Creates the UI on the page (once) and returns the handle the loader drives it with. */
  mountUi(api: ClinicConsentApi, language: UiLanguage): UiHandle;
}

/** The loader's language choice and its way to a texts file, handed to the UI. */
export interface UiLanguage {
  /** The locale to speak for a setLocale() request (or none), and its texts file. */
  speaks: LocaleChoice;
  texts(bundle: BundledLocale): Promise<{ default: Texts }>;
}

export interface UiHandle {
  /**
   * Shows the banner (first visit, expired choice, changed policy or changed items) once its texts have
   * loaded; resolves true when it has rendered, false when another tab answered meanwhile.
   */
  showBanner(): Promise<boolean>;
  openPreferences(): void;
  setLocale(locale: string): void;
  /** The texts on screen now (language and strings), which a receipt records; null before they load. */
  shownTexts(): ShownTexts | null;
}
