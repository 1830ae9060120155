// Picks the text of a LocalizedText for a locale: the exact code, then its language
// ("ko" for "ko-KR"), then English, then the first one given.
import type { LocalizedText, ResolvedCategory } from './types.js';

/**
 * The UI's texts in one language (src/ui/texts.ts, or the same strings as a receipt's texts carry), where the
 * built-in categories' default names and purposes are (`analyticsLabel`, `analyticsPurpose`).
 */
export type UiStrings = object;

export function localize(text: LocalizedText | undefined, locale: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const language = locale.split('-')[0] ?? locale;
  return text[locale] ?? text[language] ?? text.en ?? Object.values(text)[0];
}

/** The page's language from `<html lang>`, else the browser's, else English. */
export function pageLocale(): string {
  return document.documentElement.lang || navigator.language || 'en';
}

/** The clinic's own label or purpose of a category, else the built-in default in the texts, else the id (label) or nothing. */
export function categoryText(category: ResolvedCategory, field: 'label' | 'purpose', locale: string, strings: UiStrings): string {
  const own = localize(category[field], locale);
  if (own) return own;
  const fallback = (strings as Readonly<Record<string, string | undefined>>)[`${category.id}${field === 'label' ? 'Label' : 'Purpose'}`];
  return fallback ?? (field === 'label' ? category.id : '');
}
