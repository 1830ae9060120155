// Which language the UI speaks, and its texts: config `locale`, else `<html lang>`, else the
// browser's languages, else English, always restricted to `config.languages`. Follows `<html lang>`
// changes and setLocale() at run time. Each locale file is its own chunk, fetched only when chosen.
import { bundleFor, chosenLocale, type BundledLocale } from '../config/locale-choice.js';
import { isRightToLeft } from '../config/locale-tags.js';
import type { ResolvedConfig } from '../config/types.js';
import { withOverrides, type Texts } from './texts.js';

const bundles: Record<BundledLocale, () => Promise<{ default: Texts }>> = {
  ko: () => import('./locales/ko.js'),
  en: () => import('./locales/en.js'),
  ja: () => import('./locales/ja.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
  'zh-Hant': () => import('./locales/zh-Hant.js'),
  vi: () => import('./locales/vi.js'),
  th: () => import('./locales/th.js'),
  ru: () => import('./locales/ru.js'),
  mn: () => import('./locales/mn.js'),
  ar: () => import('./locales/ar.js'),
};

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
  texts: Texts | null = null;
  private requested: string | null = null;
  private observer: MutationObserver | null = null;
  private loading = 0;

  constructor(private readonly config: ResolvedConfig) {
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
    const locale = chosenLocale(this.config, this.requested);
    if (locale === this.locale && this.texts) return;
    const ticket = ++this.loading;
    const base = (await bundles[bundleFor(locale)]()).default;
    // A newer request finished first: keep its result.
    if (ticket !== this.loading) return;
    this.locale = locale;
    this.texts = withOverrides(base, this.config.texts[locale]);
    this.dispatchEvent(new Event('change'));
  }
}
