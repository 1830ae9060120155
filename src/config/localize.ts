// Picks the text of a LocalizedText for a locale: the exact code, then its language
// ("ko" for "ko-KR"), then English, then the first one given.
import type { LocalizedText } from './types.js';

export function localize(text: LocalizedText | undefined, locale: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const language = locale.split('-')[0] ?? locale;
  return text[locale] ?? text[language] ?? text.en ?? Object.values(text)[0];
}

/** The page's language from `<html lang>`, else the browser's, else English. */
export function pageLocale(): string {
  return document.documentElement.lang || navigator.language || 'en';
}
