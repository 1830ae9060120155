// Which locale the UI speaks and which texts file that needs. Shared by the loader, which fetches
// the texts file alongside the UI rather than after it, and the UI, so both choose the same file.
import { textsLocale } from './locale-tags.js';
import type { ResolvedConfig } from './types.js';

/** The languages that ship a texts file (src/ui/locales/<code>.ts); any other locale uses English's, with the site's overrides. */
export const BUNDLED_LOCALES = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant', 'vi', 'th', 'ru', 'mn', 'ar'] as const;
export type BundledLocale = (typeof BUNDLED_LOCALES)[number];

/** The texts file a locale uses: the one its language and script read (locale-tags.ts), else English's. */
export function bundleFor(locale: string): BundledLocale {
  const key = textsLocale(locale);
  return BUNDLED_LOCALES.find((code) => code === key) ?? 'en';
}

/**
 * The first candidate the site offers: the same tag ("ko-KR"), else one that reads the same texts
 * ("ko-KR" and "ko"; "zh-TW" and "zh-Hant"; "ar-EG" and "ar-SA").
 */
export function pickLocale(candidates: readonly (string | null | undefined)[], offered: readonly string[]): string {
  const lower = offered.map((code) => code.toLowerCase());
  for (const candidate of candidates) {
    if (!candidate) continue;
    const hit = lower.indexOf(candidate.toLowerCase());
    const same = hit >= 0 ? hit : offered.findIndex((code) => textsLocale(code) === textsLocale(candidate));
    if (same >= 0) return offered[same] as string;
  }
  return offered.find((code) => code.toLowerCase() === 'en') ?? offered[0] ?? 'en';
}

/** What the UI would speak for a setLocale() request (or none): the locale and the texts file it reads. */
export type LocaleChoice = (requested: string | null) => { locale: string; bundle: BundledLocale };

/**
 * The loader's language choice, handed to the UI and the floating button: one copy of these rules in the
 * loader, not one more in each part a first or returning visit downloads.
 */
export function localeChoice(config: Pick<ResolvedConfig, 'locale' | 'languages'>): LocaleChoice {
  return (requested) => {
    const locale = chosenLocale(config, requested);
    return { locale, bundle: bundleFor(locale) };
  };
}

/** The locale the UI speaks: a setLocale() request, config `locale`, `<html lang>`, the browser's languages, English. */
function chosenLocale(config: Pick<ResolvedConfig, 'locale' | 'languages'>, requested: string | null = null): string {
  return pickLocale([requested, config.locale, document.documentElement.lang, ...navigator.languages], config.languages);
}
