// Which texts file a locale uses: the loader fetches it alongside the UI, so it must name the file the
// UI will ask for, for every locale a clinic may offer.
import { describe, expect, it } from 'vitest';
import { BUNDLED_LOCALES, bundleFor, pickLocale } from '../../../src/config/locale-choice.js';

describe('bundleFor', () => {
  it('uses the language of a tag, in any case', () => {
    expect(bundleFor('ko-KR')).toBe('ko');
    expect(bundleFor('JA')).toBe('ja');
    expect(bundleFor('en-GB')).toBe('en');
    expect(bundleFor('vi-VN')).toBe('vi');
    expect(bundleFor('ar-AE')).toBe('ar');
  });

  it('uses the script a Chinese or Mongolian tag is written in', () => {
    expect(bundleFor('zh-CN')).toBe('zh-Hans');
    expect(bundleFor('zh')).toBe('zh-Hans');
    expect(bundleFor('zh-Hant-HK')).toBe('zh-Hant');
    expect(bundleFor('zh-TW')).toBe('zh-Hant');
    expect(bundleFor('mn-Cyrl')).toBe('mn');
    expect(bundleFor('mn-Mong'), 'no texts file in the traditional script: English').toBe('en');
  });

  it("uses English's file for a language without its own (the site's overrides fill in the texts)", () => {
    expect(bundleFor('fr-FR')).toBe('en');
    expect(bundleFor('')).toBe('en');
  });

  it('names only files that exist', () => {
    for (const locale of ['ko', 'en', 'ja', 'zh', 'zh-HK', 'vi', 'th', 'ru', 'mn', 'ar-SA', 'fr', 'mn-CN']) expect(BUNDLED_LOCALES).toContain(bundleFor(locale));
  });
});

describe('pickLocale', () => {
  it('matches a tag to the offered code that reads the same texts', () => {
    const offered = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant', 'vi', 'th', 'ru', 'mn', 'ar'];
    expect(pickLocale(['zh-TW'], offered)).toBe('zh-Hant');
    expect(pickLocale(['zh-HK'], offered)).toBe('zh-Hant');
    expect(pickLocale(['zh-CN'], offered)).toBe('zh-Hans');
    expect(pickLocale(['zh'], offered), 'a bare zh').toBe('zh-Hans');
    expect(pickLocale(['zh-Hans-HK'], offered)).toBe('zh-Hans');
    expect(pickLocale(['ar-EG'], offered)).toBe('ar');
    expect(pickLocale(['mn-Cyrl-MN'], offered)).toBe('mn');
    expect(pickLocale(['th-TH'], offered)).toBe('th');
  });

  it('prefers the exact tag a clinic offers, and matches the clinic’s regional codes too', () => {
    expect(pickLocale(['zh-TW'], ['zh-TW', 'zh-HK'])).toBe('zh-TW');
    expect(pickLocale(['zh-Hant-HK'], ['zh-CN', 'zh-TW', 'en']), 'Traditional, not the first Chinese offered').toBe('zh-TW');
    expect(pickLocale(['ar'], ['en', 'ar-SA'])).toBe('ar-SA');
  });

  it('skips a candidate whose script the site does not offer, for the next one', () => {
    expect(pickLocale(['mn-Mong', 'zh-CN'], ['mn', 'zh-Hans', 'en'])).toBe('zh-Hans');
    expect(pickLocale(['zh-TW', 'ja'], ['zh-Hans', 'ja', 'en']), 'Simplified is not offered to a Traditional reader who also reads Japanese').toBe('ja');
  });
});

describe('pickLocale with bundleFor: what the loader prefetches is what the UI loads', () => {
  it('follows the offered languages, not the page alone', () => {
    // A page in Japanese on a site that offers only Korean and English speaks English (the fallback).
    expect(bundleFor(pickLocale(['ja-JP'], ['ko', 'en']))).toBe('en');
    expect(bundleFor(pickLocale(['zh-CN', 'ko-KR'], ['ko', 'en']))).toBe('ko');
    expect(bundleFor(pickLocale(['zh-CN', 'ko-KR'], ['ko', 'en', 'zh']))).toBe('zh-Hans');
    expect(bundleFor(pickLocale(['zh-HK'], ['ko', 'en', 'zh-TW']))).toBe('zh-Hant');
    expect(bundleFor(pickLocale(['ko-KR'], ['ko', 'en']))).toBe('ko');
  });
});
