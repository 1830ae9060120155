// Which language the UI speaks, and its texts: config `locale`, else `<html lang>`, else the
// browser's languages, else English, always restricted to `config.languages`. Follows `<html lang>`
// changes and setLocale() at run time. Each locale file is its own chunk, fetched only when chosen;
// the loader hands over both the choice and the way to a texts file (UiLanguage), so the rules and the
// files' URLs live in one place.
import type { UiLanguage } from '../api.js';
import type { BundledLocale } from '../config/locale-choice.js';
import { isRightToLeft } from '../config/locale-tags.js';
import type { ResolvedConfig } from '../config/types.js';
import { withOverrides, type Texts } from './texts.js';

/**
 * Marks an element with the language it speaks and that language's direction, so screen readers
 * pronounce it and an Arabic banner is mirrored, whatever the page around it is.
 */
export function markLanguage(element: HTMLElement, locale: string): void {
  element.lang = locale;
  element.dir = locale && (isRightToLeft(locale) ? 'rtl' : 'ltr');
}

/** The UI's current language and texts; fires `change` when either is replaced. */
export class LocaleState extends EventTarget {
  locale = 'en';
  /** The texts file the locale reads, for views with texts files of their own (the history). */
  bundle: BundledLocale = 'en';
  texts: Texts | null = null;
  private requested: string | null = null;
  private observer: MutationObserver | null = null;
  private loading = 0;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly language: UiLanguage,
  ) {
    super();
  }

  /** Resolves the first locale and starts following `<html lang>`. */
  start(): Promise<void> {
    this.observer ??= new MutationObserver(() => {
      // A later language switch on the site wins over an earlier setLocale() call.
      this.requested = null;
      void this.apply();
    });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    return this.apply();
  }

  stop(): void {
    this.observer?.disconnect();
  }

  setLocale(locale: string): Promise<void> {
    this.requested = locale;
    return this.apply();
  }

  private async apply(): Promise<void> {
    const { locale, bundle } = this.language.speaks(this.requested);
    if (locale === this.locale && this.texts) return;
    const ticket = ++this.loading;
    const base = (await this.language.texts(bundle)).default;
    // A newer request finished first: keep its result.
    if (ticket !== this.loading) return;
    this.locale = locale;
    this.bundle = bundle;
    this.texts = withOverrides(base, this.config.texts[locale]);
    this.dispatchEvent(new Event('change'));
  }
}
