// Which locale the UI speaks and which texts file that needs. Shared by the loader, which fetches
// the texts file alongside the UI rather than after it, and the UI, so both choose the same file.
import type { ResolvedConfig } from './types.js';

/** The languages that ship a texts file (src/ui/locales/<code>.ts); any other locale uses English's, with the site's overrides. */
export const BUNDLED_LOCALES = ['ko', 'en', 'ja'] as const;
export type BundledLocale = (typeof BUNDLED_LOCALES)[number];

/** The texts file a locale uses: its language's, else English's. */
export function bundleFor(locale: string): BundledLocale {
  const language = locale.split('-')[0]?.toLowerCase();
  return BUNDLED_LOCALES.find((code) => code === language) ?? 'en';
}

/** The first candidate the site offers, matching a full tag ("ko-KR") or its language ("ko"). */
export function pickLocale(candidates: readonly (string | null | undefined)[], offered: readonly string[]): string {
  const lower = offered.map((code) => code.toLowerCase());
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.toLowerCase();
    const hit = lower.indexOf(tag) >= 0 ? lower.indexOf(tag) : lower.indexOf(tag.split('-')[0] ?? '');
    if (hit >= 0) return offered[hit] as string;
  }
  return offered.find((code) => code.toLowerCase() === 'en') ?? offered[0] ?? 'en';
}

/** The locale the UI speaks: a setLocale() request, config `locale`, `<html lang>`, the browser's languages, English. */
export function chosenLocale(config: Pick<ResolvedConfig, 'locale' | 'languages'>, requested: string | null = null): string {
  return pickLocale([requested, config.locale, document.documentElement.lang, ...navigator.languages], config.languages);
}
