// The banner and preference center in a real Chromium: what a patient sees and can do.
import { expect } from '@open-wc/testing';
import { mountUi } from '../../../src/ui/index.js';
import type { ClinicConsentElement } from '../../../src/ui/index.js';
import { makeApi, makeConfig, until, type RecordingApi } from './fixtures.js';

function shadow(): ShadowRoot {
  const element = document.querySelector('clinic-consent');
  if (!element?.shadowRoot) throw new Error('no <clinic-consent> on the page');
  return element.shadowRoot;
}

function button(part: string, scope = '.banner'): HTMLButtonElement {
  const found = shadow().querySelector<HTMLButtonElement>(`${scope} [part~="${part}"]`);
  if (!found) throw new Error(`no ${part} button in ${scope}`);
  return found;
}

async function showBanner(api: RecordingApi): Promise<ShadowRoot> {
  mountUi(api).showBanner();
  return until(() => document.querySelector('clinic-consent')?.shadowRoot?.querySelector('.banner h2') && shadow(), 'the banner');
}

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<clinic-consent> banner', () => {
  const originalLang = document.documentElement.lang;
  afterEach(() => {
    document.querySelectorAll('clinic-consent, cc-launcher, #opener').forEach((element) => element.remove());
    document.documentElement.lang = originalLang;
  });

  it('speaks the page language and offers Accept all and Reject all with equal weight', async () => {
    document.documentElement.lang = 'ja';
    const root = await showBanner(makeApi());
    expect(root.querySelector('h2')?.textContent, 'Japanese title').to.equal('Cookieの使用について');
    const accept = button('accept').getBoundingClientRect();
    const reject = button('reject').getBoundingClientRect();
    const size = (rect: DOMRect): number[] => [Math.round(rect.width), Math.round(rect.height)];
    expect(size(reject), 'reject has the size of accept').to.deep.equal(size(accept));
    expect(button('reject').className, 'same style').to.equal(button('accept').className);
    expect(root.querySelectorAll('.banner input'), 'no first-layer switches outside Korean by default').to.have.length(0);
  });

  it('shows separate analytics and marketing switches, off, on the Korean first layer (PIPA Art. 22)', async () => {
    document.documentElement.lang = 'ko';
    const api = makeApi();
    const root = await showBanner(api);
    const switches = [...root.querySelectorAll<HTMLInputElement>('.banner input[role="switch"]')];
    expect(switches.map((input) => input.labels?.[0]?.textContent?.trim()), 'one switch per optional category').to.deep.equal(['분석 쿠키', '마케팅 쿠키']);
    expect(switches.map((input) => input.checked), 'nothing pre-ticked').to.deep.equal([false, false]);
    switches[1]?.click();
    button('save').click();
    await until(() => api.calls.includes('accept'), 'the saved choice');
    expect(api.lastChoice, 'marketing only, with its services').to.deep.equal({ categories: ['marketing'], services: ['medisian-pixel'] });
  });

  it('replaces itself with a short, focused confirmation after Reject all, and hides on request', async () => {
    document.documentElement.lang = 'en';
    const api = makeApi();
    const root = await showBanner(api);
    button('reject').click();
    const done = await until(() => root.querySelector<HTMLElement>('.done'), 'the confirmation');
    expect(api.calls, 'asked the core to reject').to.deep.equal(['rejectAll']);
    expect(done.textContent).to.contain('You have rejected optional cookies');
    await until(() => deepActive() === done, 'focus on the confirmation');
    button('hide').click();
    await until(() => !root.querySelector('.banner'), 'the banner to go');
  });

  it('says that the privacy policy changed, with a link to it', async () => {
    document.documentElement.lang = 'en';
    const api = makeApi();
    api.setState({ decided: true, policyChanged: true, consentId: 'abc', decidedAt: Date.now() });
    const root = await showBanner(api);
    expect(root.querySelector('[part="notice"]')?.textContent).to.contain('privacy policy has been updated');
    expect(root.querySelector('.banner a')?.getAttribute('href')).to.equal('/demo/privacy.html');
  });

  it('renders config texts as text: an <img onerror> stays inert', async () => {
    document.documentElement.lang = 'en';
    const fired: string[] = [];
    (window as unknown as Record<string, unknown>).ccPwned = () => fired.push('onerror');
    const api = makeApi(makeConfig({ texts: { en: { bannerTitle: '<img src=x onerror="ccPwned()">Cookies' } } }));
    const root = await showBanner(api);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(root.querySelector('img'), 'no element parsed from the text').to.equal(null);
    expect(root.querySelector('h2')?.textContent).to.equal('<img src=x onerror="ccPwned()">Cookies');
    expect(fired).to.deep.equal([]);
  });

  it('follows <html lang> and setLocale at run time', async () => {
    document.documentElement.lang = 'en';
    const api = makeApi();
    const root = await showBanner(api);
    document.documentElement.lang = 'ko-KR';
    await until(() => root.querySelector('h2')?.textContent === '쿠키 사용 안내', 'Korean after <html lang> changed');
    expect(document.querySelector('clinic-consent')?.lang, 'host lang for screen readers').to.equal('ko');
    mountUi(api).setLocale('ja');
    await until(() => root.querySelector('h2')?.textContent === 'Cookieの使用について', 'Japanese after setLocale');
  });

  it('honours a forced theme', async () => {
    const api = makeApi(makeConfig({ ui: { floatingButton: true, firstLayerToggles: null, theme: 'dark' } }));
    await showBanner(api);
    const element = document.querySelector('clinic-consent') as ClinicConsentElement;
    expect(element.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(shadow().querySelector('.banner') as Element).backgroundColor).to.equal('rgb(22, 27, 34)');
  });
});

describe('<clinic-consent> preference center', () => {
  afterEach(() => document.querySelectorAll('clinic-consent, #opener').forEach((element) => element.remove()));

  async function open(api: RecordingApi): Promise<HTMLDialogElement> {
    document.documentElement.lang = 'en';
    const opener = Object.assign(document.createElement('button'), { id: 'opener', textContent: 'Cookie settings' });
    document.body.append(opener);
    opener.focus();
    mountUi(api).openPreferences();
    return until(() => document.querySelector('clinic-consent')?.shadowRoot?.querySelector<HTMLDialogElement>('dialog[open]'), 'the dialog');
  }

  it('opens as a modal dialog with focus inside, and Esc closes it without deciding, returning focus', async () => {
    const api = makeApi();
    const dialog = await open(api);
    expect(dialog.matches(':modal'), 'modal').to.equal(true);
    expect(dialog.contains(deepActive()), 'focus moved into the dialog').to.equal(true);
    dialog.dispatchEvent(new Event('cancel'));
    dialog.close();
    await until(() => !dialog.open, 'closed');
    expect(api.calls, 'nothing decided').to.deep.equal([]);
    expect(deepActive()?.id, 'focus back on the opener').to.equal('opener');
  });

  it('shows necessary locked on, each purpose, and the services with recipient and country', async () => {
    const dialog = await open(makeApi());
    const necessary = dialog.querySelector<HTMLInputElement>('#cc-p-necessary');
    expect([necessary?.checked, necessary?.disabled], 'necessary on and locked').to.deep.equal([true, true]);
    const analytics = dialog.querySelector<HTMLInputElement>('#cc-p-analytics');
    expect(analytics?.getAttribute('role')).to.equal('switch');
    expect(analytics?.labels?.[0]?.textContent?.trim(), 'accessible name').to.equal('Analytics cookies');
    expect(dialog.querySelector('#cc-purpose-analytics')?.textContent, 'the purpose in plain words').to.contain('how often');
    const services = dialog.querySelector('details')?.textContent ?? '';
    expect(services).to.contain('Medisian Inc.').and.contain('South Korea').and.contain('_mda (1 year)');
  });

  it('saves exactly the switched-on categories, then shows the consent id and time', async () => {
    const api = makeApi();
    const dialog = await open(api);
    dialog.querySelector<HTMLInputElement>('#cc-p-analytics')?.click();
    (dialog.querySelector('[part~="save"]') as HTMLButtonElement).click();
    await until(() => !dialog.open, 'closed after saving');
    expect(api.lastChoice).to.deep.equal({ categories: ['analytics'], services: ['medisian-analytics'] });
    mountUi(api).openPreferences();
    await until(() => dialog.open, 'reopened');
    await until(() => dialog.querySelector('.record .id'), 'the record');
    expect(dialog.querySelector('.record .id')?.textContent).to.equal('3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f');
    expect(dialog.querySelector('.record dd:last-of-type')?.textContent).to.contain('2026');
    expect(dialog.querySelector<HTMLInputElement>('#cc-p-analytics')?.checked, 'reflects the saved choice').to.equal(true);
    (dialog.querySelector('[part~="withdraw"]') as HTMLButtonElement).click();
    await until(() => api.calls.includes('withdraw'), 'withdraw');
  });
});
