// Which texts a language tag reads, where one language is written in more than one script: Chinese
// in Simplified or Traditional characters, Mongolian in Cyrillic or the traditional script. Also
// which tags read right to left. Used on the loader side (language choice, floating button), so small.

/**
 * The texts a tag reads: `zh-Hans` or `zh-Hant` for Chinese, by script subtag or else by region
 * (Taiwan, Hong Kong and Macao write Traditional; a bare `zh` is Simplified); `mn` for Cyrillic
 * Mongolian only; otherwise the tag's language, lower-cased ("ar-EG" → "ar", "ko-KR" → "ko").
 * Mongolian in its own script (`mn-Mong`, or `mn-CN`, where it is the usual one) gets "mn-mong",
 * which no texts file answers to, rather than Cyrillic texts its reader may not read.
 */
export function textsLocale(tag: string): string {
  const language = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
  // Matched on the whole tag: a script subtag comes before the region, so "zh-Hans-HK" stays Simplified.
  if (language === 'zh') return /^zh[-_](hant|tw|hk|mo)\b/i.test(tag) ? 'zh-Hant' : 'zh-Hans';
  return language === 'mn' && /^mn[-_](mong|cn)\b/i.test(tag) ? 'mn-mong' : language;
}

/** Whether text in this locale runs right to left (Arabic, Persian, Hebrew, Urdu). */
export const isRightToLeft = (locale: string): boolean => /^(ar|fa|he|iw|ur)\b/i.test(locale);
