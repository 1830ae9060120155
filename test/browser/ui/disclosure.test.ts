// The disclosure table on the clinic's privacy-policy page comes from the same config as the banner.
import { expect } from '@open-wc/testing';
import { mountUi } from '../../../src/ui/index.js';
import { forgetChoice, startCore, uiLanguage, until } from './fixtures.js';

describe('<clinic-consent-disclosure>', () => {
  afterEach(async () => {
    document.querySelectorAll('clinic-consent, clinic-consent-disclosure, cc-launcher').forEach((element) => element.remove());
    await forgetChoice();
  });

  it('lists each service with category, recipient, country, purpose and cookies in the page language', async () => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'ko';
    document.body.append(document.createElement('clinic-consent-disclosure'));
    const api = await startCore();
    mountUi(api, uiLanguage(api.config));
    const root = await until(() => document.querySelector('clinic-consent-disclosure')?.shadowRoot?.querySelector('tbody tr') && document.querySelector('clinic-consent-disclosure')?.shadowRoot, 'the table');
    document.documentElement.lang = previous;
    const rows = [...root.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent?.trim().replace(/\s+/g, ' ')));
    expect(rows[0]).to.deep.equal(['Medisian Analytics', '분석 쿠키', '(주)메디시안', '대한민국', '방문 통계', 'pages, visit time', '_mda (보유 기간: 1년)']);
    expect(rows[1]?.slice(0, 4)).to.deep.equal(['Medisian Event Pixel', '마케팅 쿠키', 'Medisian Inc.', '미국']);
    expect(root.querySelector('caption')?.textContent).to.equal('이 웹사이트에서 사용하는 쿠키 및 외부 전송 서비스');
  });
});
