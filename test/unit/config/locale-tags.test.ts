// The language rules for tags whose language is written in more than one script: a patient from
// Taiwan must not get Simplified characters, one from Inner Mongolia not Cyrillic, and an Arabic
// browser in any country the Arabic texts, right to left.
import { describe, expect, it } from 'vitest';
import { isRightToLeft, textsLocale } from '../../../src/config/locale-tags.js';

describe('textsLocale: Chinese by script, else by region', () => {
  it('reads Simplified for mainland China and Singapore, and for a bare zh', () => {
    for (const tag of ['zh-CN', 'zh-SG', 'zh', 'ZH', 'zh_CN', 'zh-Hans']) expect(textsLocale(tag), tag).toBe('zh-Hans');
  });

  it('reads Traditional for Taiwan, Hong Kong and Macao', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-hk', 'zh_TW', 'zh-Hant']) expect(textsLocale(tag), tag).toBe('zh-Hant');
  });

  it('lets the script subtag win over the region', () => {
    expect(textsLocale('zh-Hans-HK'), 'Simplified written in Hong Kong').toBe('zh-Hans');
    expect(textsLocale('zh-Hant-CN'), 'Traditional written on the mainland').toBe('zh-Hant');
    expect(textsLocale('zh-Hant-TW')).toBe('zh-Hant');
    expect(textsLocale('zh-hans-sg')).toBe('zh-Hans');
    expect(textsLocale('zh-Hant-HK-u-nu-hanidec'), 'with a Unicode extension').toBe('zh-Hant');
  });
});

describe('textsLocale: Mongolian in Cyrillic only', () => {
  it('reads the Cyrillic texts for mn, mn-MN and mn-Cyrl', () => {
    for (const tag of ['mn', 'mn-MN', 'mn-Cyrl', 'mn-Cyrl-MN']) expect(textsLocale(tag), tag).toBe('mn');
  });

  it('does not give Cyrillic to Mongolian written in its own script (mn-Mong, or mn-CN where that script is usual)', () => {
    for (const tag of ['mn-Mong', 'mn-Mong-CN', 'mn-CN']) expect(textsLocale(tag), tag).not.toBe('mn');
    expect(textsLocale('mn-Cyrl-CN'), 'an explicit Cyrillic script wins over the region').toBe('mn');
  });
});

describe('textsLocale: every other language by its language subtag', () => {
  it('maps any Arabic region to ar', () => {
    for (const tag of ['ar', 'ar-SA', 'ar-AE', 'ar-EG', 'ar-Arab-QA', 'ar-001']) expect(textsLocale(tag), tag).toBe('ar');
  });

  it('keeps the language of the others, lower-cased', () => {
    expect(textsLocale('vi-VN')).toBe('vi');
    expect(textsLocale('th-TH')).toBe('th');
    expect(textsLocale('ru-KZ'), 'Russian in Kazakhstan').toBe('ru');
    expect(textsLocale('ru-Cyrl-RU')).toBe('ru');
    expect(textsLocale('KO-kr')).toBe('ko');
    expect(textsLocale('ja-JP')).toBe('ja');
    expect(textsLocale('fr-CA')).toBe('fr');
  });
});

describe('isRightToLeft', () => {
  it('is true for Arabic (any region) and the other right-to-left languages', () => {
    for (const tag of ['ar', 'ar-SA', 'AR-eg', 'fa-IR', 'he', 'ur-PK']) expect(isRightToLeft(tag), tag).toBe(true);
  });

  it('is false for left-to-right languages, including ones that merely start with the same letters', () => {
    for (const tag of ['en', 'ko', 'ja', 'zh-Hant', 'mn', 'ru', 'arn', 'hr', 'urd-x']) expect(isRightToLeft(tag), tag).toBe(false);
  });
});
