// The texts files: every locale says everything English says, in its own words. A missing key would
// show nothing, and an English sentence left in a Thai or Arabic file would be read to a patient who
// chose that language; both fail here. Each locale's texts also get their own receipt hash.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_LOCALES, type BundledLocale } from '../../../src/config/locale-choice.js';
import { textHash } from '../../../src/receipts/build.js';
import { labels } from '../../../src/loader/launcher.js';
import type { Texts } from '../../../src/ui/texts.js';

const files = Object.fromEntries(
  await Promise.all(BUNDLED_LOCALES.map(async (code) => [code, ((await import(`../../../src/ui/locales/${code}.ts`)) as { default: Texts }).default] as const)),
) as Record<BundledLocale, Texts>;
const en = files.en;
const others = BUNDLED_LOCALES.filter((code) => code !== 'en');

const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((match) => match[0]).sort();

// Latin words a text in another script may keep: the product's own words and acronyms (Japanese and
// Chinese sites write "Cookie" in Latin letters, Russian ones "cookie").
const allowedLatin = new Set(['cookie', 'gpc', 'id', 'json']);
// English words that are not also Vietnamese words, so a Vietnamese text holding one holds English.
const englishOnly = /\b(the|and|your|our|with|this|please|cookies|settings|accept|reject|choose|website|privacy|you|we)\b/i;

/** The keys of `texts` that still read as English (`english`, the English file's texts by default). */
function leftovers(code: BundledLocale, texts: Texts, english: Texts = en): string[] {
  return (Object.keys(english) as (keyof Texts)[]).filter((key) => {
    if (texts[key] === english[key]) return true;
    const text = texts[key].replace(/\{\w+\}/g, '');
    if (code === 'vi') return englishOnly.test(text);
    return (text.match(/[A-Za-z]{2,}/g) ?? []).some((word) => !allowedLatin.has(word.toLowerCase()));
  });
}

describe('every texts file', () => {
  it('has a file for each bundled locale', () => {
    for (const code of BUNDLED_LOCALES) expect(files[code], code).toBeDefined();
  });

  for (const code of others) {
    it(`${code}: has exactly the keys English has, none empty, with the same placeholders`, () => {
      const texts = files[code];
      expect(Object.keys(texts).sort(), 'keys').toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof Texts)[]) {
        expect(typeof texts[key] === 'string' && texts[key].trim().length > 0, `${code}.${key} is a non-empty string`).toBe(true);
        expect(placeholders(texts[key]), `${code}.${key} placeholders`).toEqual(placeholders(en[key]));
      }
    });

    it(`${code}: has no English left in it`, () => {
      expect(leftovers(code, files[code])).toEqual([]);
    });
  }

  it('catches a missing key or an English leftover (the checks above can fail)', () => {
    const { hide: _dropped, ...missing } = files.th;
    expect(Object.keys(missing).sort()).not.toEqual(Object.keys(en).sort());
    expect(leftovers('th', { ...files.th, hide: en.hide }), 'an English sentence in Thai').toEqual(['hide']);
    expect(leftovers('ar', { ...files.ar, close: 'Close' }), 'one English word in Arabic').toEqual(['close']);
    expect(leftovers('vi', { ...files.vi, reloadHint: 'Tải lại the page' }), 'English words in Vietnamese').toEqual(['reloadHint']);
    expect(leftovers('zh-Hans', { ...files['zh-Hans'], cookies: en.cookies }), 'the English text itself').toEqual(['cookies']);
  });
});

describe('the floating button', () => {
  it("is labelled, in every locale, with that locale's preference-center title (which the confirmation names)", () => {
    for (const code of BUNDLED_LOCALES) expect(labels[code], code).toBe(files[code].prefsTitle);
  });
});

describe('receipts', () => {
  it("hash each locale's texts to a hash of their own", async () => {
    const hashes = await Promise.all(BUNDLED_LOCALES.map((code) => textHash({ locale: code, strings: { ...files[code] } })));
    expect(new Set(hashes).size, hashes.join('\n')).toBe(BUNDLED_LOCALES.length);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the review table (docs/locales-review.md)', () => {
  it('holds every text of every new locale as it is in its file, so a native speaker reviews what ships', () => {
    const table = readFileSync(new URL('../../../docs/locales-review.md', import.meta.url), 'utf8');
    const missing = others
      .filter((code) => !['ko', 'ja'].includes(code))
      .flatMap((code) => (Object.keys(en) as (keyof Texts)[]).filter((key) => !table.includes(files[code][key].replace(/\|/g, '\\|'))).map((key) => `${code}.${key}`));
    expect(missing).toEqual([]);
  });
});

describe('the consent history’s texts (history/<locale>.ts, fetched when the history is opened)', () => {
  it('say everything the English ones say, in each language, with no English left', async () => {
    const { en: english } = await import('../../../src/ui/clinic-consent/history.js');
    for (const code of others) {
      const texts = ((await import(`../../../src/ui/clinic-consent/history/${code}.ts`)) as { default: Record<string, string> }).default;
      expect(Object.keys(texts).sort(), `${code} keys`).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) expect(placeholders(texts[key] ?? ''), `${code}.${key} placeholders`).toEqual(placeholders(text));
      expect(leftovers(code, texts as unknown as Texts, english as unknown as Texts), code).toEqual([]);
    }
  });
});
