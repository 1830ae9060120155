// Which language the UI speaks, and that every locale file has every text.
import { expect } from '@open-wc/testing';
import { pickLocale } from '../../../src/config/locale-choice.js';
import { LocaleState } from '../../../src/ui/locale.js';
import en from '../../../src/ui/locales/en.js';
import ja from '../../../src/ui/locales/ja.js';
import ko from '../../../src/ui/locales/ko.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import { clinicConfig, uiLanguage } from './fixtures.js';

describe('locale choice', () => {
  it('takes the first candidate the site offers, by full tag or language', () => {
    expect(pickLocale(['ja-JP', 'ko'], ['ko', 'en', 'ja'])).to.equal('ja');
    expect(pickLocale([null, 'fr-FR', 'ko-KR'], ['ko', 'en', 'ja'])).to.equal('ko');
  });

  it('falls back to English, or to the first offered language when English is not offered', () => {
    expect(pickLocale(['fr', 'de'], ['ko', 'en', 'ja'])).to.equal('en');
    expect(pickLocale(['fr'], ['ja', 'ko'])).to.equal('ja');
  });

  it('prefers config.locale over <html lang>, and lays config overrides over the texts', async () => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'en';
    const config = resolveConfig(clinicConfig({ locale: 'ja', texts: { ja: { acceptAll: '同意します', unknownKey: 'x' } } }));
    const state = new LocaleState(config, uiLanguage(config));
    await state.start();
    state.stop();
    document.documentElement.lang = previous;
    expect(state.locale).to.equal('ja');
    expect(state.texts?.acceptAll, 'override').to.equal('同意します');
    expect(state.texts?.rejectAll, 'the rest untouched').to.equal(ja.rejectAll);
    expect(state.texts, 'unknown keys ignored').not.to.have.property('unknownKey');
  });
});

describe('locale files', () => {
  it('have the same keys, none empty', () => {
    for (const [name, texts] of Object.entries({ ko, ja })) {
      expect(Object.keys(texts).sort(), `${name} keys`).to.deep.equal(Object.keys(en).sort());
      for (const [key, value] of Object.entries(texts)) expect(value.trim(), `${name}.${key}`).not.to.equal('');
    }
  });
});
