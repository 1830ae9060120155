// The banner and preference center in a real Chromium, driven by the real consent core.
import { expect } from '@open-wc/testing';
import type { ClinicConsentApi } from '../../../src/api.js';
import { mountUi } from '../../../src/ui/index.js';
import type { ClinicConsentElement } from '../../../src/ui/index.js';
import { clinicConfig, forgetChoice, startCore, uiLanguage, until } from './fixtures.js';

/** The newest <clinic-consent>: each started core mounts its own, first in <body>. */
function host(): ClinicConsentElement | undefined {
  return document.querySelector('clinic-consent') ?? undefined;
}

function shadow(): ShadowRoot {
  const element = host();
  if (!element?.shadowRoot) throw new Error('no <clinic-consent> on the page');
  return element.shadowRoot;
}

function button(part: string, scope = '.banner'): HTMLButtonElement {
  const found = shadow().querySelector<HTMLButtonElement>(`${scope} [part~="${part}"]`);
  if (!found) throw new Error(`no ${part} button in ${scope}`);
  return found;
}

async function showBanner(api: ClinicConsentApi): Promise<ShadowRoot> {
  mountUi(api, uiLanguage(api.config)).showBanner();
  return until(() => host()?.shadowRoot?.querySelector('.banner h2') && shadow(), 'the banner');
}

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const originalLang = document.documentElement.lang;
async function cleanUp(): Promise<void> {
  document.querySelectorAll('clinic-consent, cc-launcher, #opener').forEach((element) => element.remove());
  document.documentElement.lang = originalLang;
  await forgetChoice();
}

describe('<clinic-consent> banner', () => {
  beforeEach(cleanUp);
  after(cleanUp);

  it('speaks the page language and offers Accept all and Reject all with equal weight', async () => {
    document.documentElement.lang = 'ja';
    const root = await showBanner(await startCore());
    expect(root.querySelector('h2')?.textContent, 'Japanese title').to.equal('Cookieの使用について');
    const size = (rect: DOMRect): number[] => [Math.round(rect.width), Math.round(rect.height)];
    expect(size(button('reject').getBoundingClientRect()), 'reject has the size of accept').to.deep.equal(size(button('accept').getBoundingClientRect()));
    expect(button('reject').className, 'same style').to.equal(button('accept').className);
    expect(root.querySelectorAll('.banner input'), 'no first-layer switches outside Korean by default').to.have.length(0);
  });

  it('shows separate analytics and marketing switches, off, on the Korean first layer (PIPA Art. 22)', async () => {
    document.documentElement.lang = 'ko';
    const api = await startCore();
    const root = await showBanner(api);
    const switches = [...root.querySelectorAll<HTMLInputElement>('.banner input[role="switch"]')];
    expect(switches.map((input) => input.labels?.[0]?.textContent?.trim()), 'one switch per optional category').to.deep.equal(['분석 쿠키', '마케팅 쿠키']);
    expect(switches.map((input) => input.checked), 'nothing pre-ticked').to.deep.equal([false, false]);
    switches[1]?.click();
    button('save').click();
    await until(() => api.getState().decided, 'the saved choice');
    expect(api.getState().categories, 'marketing only').to.deep.equal({ necessary: true, analytics: false, marketing: true });
    expect(api.getState().services['medisian-pixel'], 'with its service').to.equal(true);
  });

  it('keeps a first-layer switch, and the keyboard focus on it, when it is toggled (the banner is not redrawn)', async () => {
    document.documentElement.lang = 'ko';
    const root = await showBanner(await startCore());
    const analytics = root.querySelector<HTMLInputElement>('#cc-b-analytics');
    const title = root.querySelector('.banner h2');
    analytics?.focus();
    analytics?.click();
    await host()?.updateComplete;
    expect(root.querySelector('#cc-b-analytics'), 'the same switch').to.equal(analytics);
    expect(root.querySelector('.banner h2'), 'the same banner').to.equal(title);
    expect(deepActive(), 'focus still on it').to.equal(analytics);
    expect(analytics?.checked, 'switched on').to.equal(true);
  });

  it('replaces itself with a short, focused confirmation after Reject all, and hides on request', async () => {
    document.documentElement.lang = 'en';
    const api = await startCore();
    const root = await showBanner(api);
    button('reject').click();
    const done = await until(() => root.querySelector<HTMLElement>('.done'), 'the confirmation');
    expect(api.getState().method, 'the core recorded a rejection').to.equal('reject-all');
    expect(done.textContent).to.contain('You have rejected optional cookies');
    await until(() => deepActive() === done, 'focus on the confirmation');
    button('hide').click();
    await until(() => !root.querySelector('.banner'), 'the banner to go');
  });

  it('says that the privacy policy changed, with a link to it, and keeps the earlier grants', async () => {
    document.documentElement.lang = 'en';
    await (await startCore()).acceptAll();
    const api = await startCore(clinicConfig({ policy: { url: '/demo/privacy.html', version: '2027-01' } }));
    expect(api.getState().policyChanged, 'the core saw the new version').to.equal(true);
    const root = await showBanner(api);
    expect(root.querySelector('[part="notice"]')?.textContent).to.contain('privacy policy has been updated');
    expect(root.querySelector('.banner a')?.getAttribute('href')).to.equal('/demo/privacy.html');
  });

  it('names the categories asked again when their services changed, keeping the others', async () => {
    document.documentElement.lang = 'en';
    await (await startCore()).acceptAll();
    const base = clinicConfig();
    const marketing = base.categories?.marketing;
    const changed = clinicConfig({
      categories: {
        ...base.categories,
        marketing: { services: [...(marketing?.services ?? []), { id: 'kakao-pixel', name: 'Kakao Pixel', thirdParty: 'Kakao Corp.', country: 'KR' }] },
      },
    });
    const api = await startCore(changed);
    expect(api.getState().pending, 'the core asks about marketing only').to.deep.equal(['marketing']);
    const root = await showBanner(api);
    expect(root.querySelector('[part="notice"]')?.textContent).to.equal('We have changed what we use for: Marketing cookies. Please choose again.');
  });

  it('renders config texts as text: an <img onerror> stays inert', async () => {
    document.documentElement.lang = 'en';
    const fired: string[] = [];
    (window as unknown as Record<string, unknown>).ccPwned = () => fired.push('onerror');
    const api = await startCore(clinicConfig({ texts: { en: { bannerTitle: '<img src=x onerror="ccPwned()">Cookies' } } }));
    const root = await showBanner(api);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(root.querySelector('img'), 'no element parsed from the text').to.equal(null);
    expect(root.querySelector('h2')?.textContent).to.equal('<img src=x onerror="ccPwned()">Cookies');
    expect(fired).to.deep.equal([]);
  });

  it('follows <html lang> and setLocale at run time', async () => {
    document.documentElement.lang = 'en';
    const api = await startCore();
    const root = await showBanner(api);
    document.documentElement.lang = 'ko-KR';
    await until(() => root.querySelector('h2')?.textContent === '쿠키 사용 안내', 'Korean after <html lang> changed');
    expect(host()?.lang, 'host lang for screen readers').to.equal('ko');
    api.setLocale('ja');
    await until(() => root.querySelector('h2')?.textContent === 'Cookieの使用について', 'Japanese after setLocale');
  });

  it('honours a forced theme', async () => {
    const api = await startCore(clinicConfig({ ui: { theme: 'dark' } }));
    await showBanner(api);
    expect(host()?.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(shadow().querySelector('.banner') as Element).backgroundColor).to.equal('rgb(22, 27, 34)');
  });
});

describe('<clinic-consent> preference center', () => {
  beforeEach(cleanUp);
  after(cleanUp);

  async function open(api: ClinicConsentApi): Promise<HTMLDialogElement> {
    document.documentElement.lang = 'en';
    const opener = Object.assign(document.createElement('button'), { id: 'opener', textContent: 'Cookie settings' });
    document.body.append(opener);
    opener.focus();
    api.openPreferences();
    return until(() => host()?.shadowRoot?.querySelector<HTMLDialogElement>('dialog[open]'), 'the dialog');
  }

  it('opens as a modal dialog with focus inside, and closing it decides nothing and returns focus', async () => {
    const api = await startCore();
    const dialog = await open(api);
    expect(dialog.matches(':modal'), 'modal').to.equal(true);
    expect(dialog.contains(deepActive()), 'focus moved into the dialog').to.equal(true);
    // Esc itself is pressed in the Playwright tests (test/e2e/ui); here the dialog closes the same way.
    dialog.close();
    await until(() => !dialog.open, 'closed');
    expect(api.getState().decided, 'nothing decided').to.equal(false);
    expect(deepActive()?.id, 'focus back on the opener').to.equal('opener');
  });

  it('keeps a switch, and the keyboard focus on it, when it is toggled', async () => {
    const dialog = await open(await startCore());
    const marketing = dialog.querySelector<HTMLInputElement>('#cc-p-marketing');
    marketing?.focus();
    marketing?.click();
    await host()?.updateComplete;
    expect(dialog.querySelector('#cc-p-marketing'), 'the same switch').to.equal(marketing);
    expect(deepActive(), 'focus still on it').to.equal(marketing);
    expect(marketing?.checked, 'switched on').to.equal(true);
  });

  it('shows necessary locked on, each purpose, and the services with recipient and country', async () => {
    const dialog = await open(await startCore());
    const necessary = dialog.querySelector<HTMLInputElement>('#cc-p-necessary');
    expect([necessary?.checked, necessary?.disabled], 'necessary on and locked').to.deep.equal([true, true]);
    const analytics = dialog.querySelector<HTMLInputElement>('#cc-p-analytics');
    expect(analytics?.getAttribute('role')).to.equal('switch');
    expect(analytics?.labels?.[0]?.textContent?.trim(), 'accessible name').to.equal('Analytics cookies');
    expect(dialog.querySelector('#cc-purpose-analytics')?.textContent, 'the purpose in plain words').to.contain('how often');
    const services = dialog.querySelector('details')?.textContent ?? '';
    expect(services).to.contain('Medisian Inc.').and.contain('South Korea').and.contain('_mda (1 year)');
  });

  it('saves exactly the switched-on categories, then shows the consent id and time, and withdraws', async () => {
    const api = await startCore();
    const dialog = await open(api);
    dialog.querySelector<HTMLInputElement>('#cc-p-analytics')?.click();
    (dialog.querySelector('[part~="save"]') as HTMLButtonElement).click();
    await until(() => !dialog.open, 'closed after saving');
    expect(api.getState().categories).to.deep.equal({ necessary: true, analytics: true, marketing: false });
    api.openPreferences();
    await until(() => dialog.open && dialog.querySelector('.record .id'), 'the record');
    expect(dialog.querySelector('.record .id')?.textContent).to.equal(api.getState().consentId);
    expect(dialog.querySelector('.record dd:last-of-type')?.textContent).to.contain(String(new Date().getFullYear()));
    expect(dialog.querySelector<HTMLInputElement>('#cc-p-analytics')?.checked, 'reflects the saved choice').to.equal(true);
    (dialog.querySelector('[part~="withdraw"]') as HTMLButtonElement).click();
    await until(() => api.getState().method === 'withdraw', 'withdrawn');
    expect(api.getState().categories.analytics).to.equal(false);
  });

  it('says why marketing is off under Global Privacy Control, and still lets the patient switch it on', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const api = await startCore();
      expect(api.getState().gpc, 'the core saw the signal').to.equal(true);
      const dialog = await open(api);
      const marketing = dialog.querySelector<HTMLInputElement>('#cc-p-marketing');
      expect(marketing?.checked, 'off').to.equal(false);
      expect(marketing?.getAttribute('aria-describedby'), 'the note is read with the switch').to.contain('cc-gpc');
      expect(dialog.querySelector('#cc-gpc')?.textContent).to.contain('Global Privacy Control');
      marketing?.click();
      (dialog.querySelector('[part~="save"]') as HTMLButtonElement).click();
      await until(() => api.getState().categories.marketing, 'marketing granted explicitly');
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });
});
