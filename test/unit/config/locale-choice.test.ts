// Which texts file a locale uses: the loader fetches it alongside the UI, so it must name the file the
// UI will ask for, for every locale a clinic may offer.
import { describe, expect, it } from 'vitest';
import { BUNDLED_LOCALES, bundleFor, pickLocale } from '../../../src/config/locale-choice.js';

describe('bundleFor', () => {
  it('uses the language of a tag, in any case', () => {
    expect(bundleFor('ko-KR')).toBe('ko');
    expect(bundleFor('JA')).toBe('ja');
    expect(bundleFor('en-GB')).toBe('en');
  });

  it("uses English's file for a language without its own (the site's overrides fill in the texts)", () => {
    expect(bundleFor('zh-Hans')).toBe('en');
    expect(bundleFor('')).toBe('en');
  });

  it('names only files that exist', () => {
    for (const locale of ['ko', 'en', 'ja', 'zh', 'vi', 'ru']) expect(BUNDLED_LOCALES).toContain(bundleFor(locale));
  });
});

describe('pickLocale with bundleFor: what the loader prefetches is what the UI loads', () => {
  it('follows the offered languages, not the page alone', () => {
    // A page in Japanese on a site that offers only Korean and English speaks English (the fallback).
    expect(bundleFor(pickLocale(['ja-JP'], ['ko', 'en']))).toBe('en');
    expect(bundleFor(pickLocale(['zh-CN', 'ko-KR'], ['ko', 'en', 'zh']))).toBe('en');
    expect(bundleFor(pickLocale(['ko-KR'], ['ko', 'en']))).toBe('ko');
  });
});
