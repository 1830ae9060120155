// The plain-DOM way back into the preference center: a floating button and any [data-cc-open] element.
import { expect } from '@open-wc/testing';
import type { ClinicConsentApi } from '../../../src/api.js';
import { installLauncher } from '../../../src/loader/launcher.js';
import { BannerToggleEvent } from '../../../src/ui/events.js';
import { clinicConfig, forgetChoice, startCore, until } from '../ui/fixtures.js';

/** The real api, with openPreferences recorded instead of opening the UI. */
async function recordingApi(config = clinicConfig()): Promise<ClinicConsentApi & { opened: number }> {
  const api = await startCore(config);
  const recording = { ...api, opened: 0, openPreferences: () => void recording.opened++ };
  return recording;
}

describe('installLauncher', () => {
  afterEach(async () => {
    document.querySelectorAll('cc-launcher, #footer-link, clinic-consent').forEach((element) => element.remove());
    await forgetChoice();
  });

  it('opens the preference center from any element with data-cc-open, without following the link', async () => {
    const api = await recordingApi();
    installLauncher(api);
    const link = Object.assign(document.createElement('a'), { id: 'footer-link', href: '#top', textContent: 'Cookie settings' });
    link.dataset.ccOpen = '';
    document.body.append(link);
    link.click();
    expect(api.opened).to.equal(1);
    expect(location.hash, 'default prevented').not.to.equal('#top');
  });

  it('shows the floating button only once a choice exists, labelled in the page language', async () => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'ja';
    const api = await recordingApi();
    installLauncher(api);
    // The core installs its own launcher too; the one under test is the newest.
    const host = [...document.querySelectorAll('cc-launcher')].pop() as HTMLElement;
    expect(host.hidden, 'hidden before any choice').to.equal(true);
    await api.rejectAll();
    expect(host.hidden, 'shown after the choice').to.equal(false);
    const button = host.shadowRoot?.querySelector('button') as HTMLButtonElement;
    expect(button.textContent).to.equal('Cookie設定');
    button.click();
    expect(api.opened).to.equal(1);
    document.documentElement.lang = previous;
  });

  it('hides while the banner shows, told by the UI\'s public banner event (not by the UI reaching into its DOM)', async () => {
    const api = await recordingApi();
    installLauncher(api);
    const host = [...document.querySelectorAll('cc-launcher')].pop() as HTMLElement;
    await api.rejectAll();
    expect(host.hidden).to.equal(false);
    const banner = document.body.appendChild(document.createElement('clinic-consent'));
    banner.dispatchEvent(new BannerToggleEvent(true));
    expect(host.hidden, 'hidden under the banner').to.equal(true);
    banner.dispatchEvent(new BannerToggleEvent(false));
    expect(host.hidden, 'back once the banner went').to.equal(false);
  });

  it('speaks the language setLocale() asks for, with the clinic\'s prefsTitle override, until <html lang> changes', async () => {
    // Regression (issue 12): the button followed only <html lang> and the bundled labels.
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'en';
    const api = await recordingApi(clinicConfig({ texts: { ko: { prefsTitle: '쿠키 선택' } } }));
    const launcher = installLauncher(api)!;
    await api.rejectAll();
    const button = ([...document.querySelectorAll('cc-launcher')].pop() as HTMLElement).shadowRoot?.querySelector('button') as HTMLButtonElement;
    expect(button.textContent).to.equal('Cookie settings');
    launcher.setLocale('ja');
    expect(button.textContent, 'setLocale').to.equal('Cookie設定');
    launcher.setLocale('ko');
    expect(button.textContent, "the clinic's override of the preference center's title").to.equal('쿠키 선택');
    document.documentElement.lang = 'ja';
    await until(() => button.textContent === 'Cookie設定', 'a later <html lang> change wins');
    document.documentElement.lang = previous;
  });

  it('follows ClinicConsent.setLocale() when the loader installed it', async () => {
    const api = await startCore(clinicConfig());
    await api.rejectAll();
    const button = ([...document.querySelectorAll('cc-launcher')].pop() as HTMLElement).shadowRoot?.querySelector('button') as HTMLButtonElement;
    api.setLocale('ko');
    expect(button.textContent).to.equal('쿠키 설정');
  });

  it('adds no button when the clinic switched it off', async () => {
    installLauncher(await recordingApi(clinicConfig({ ui: { floatingButton: false } })));
    expect(document.querySelector('cc-launcher'), 'neither the core nor this call added one').to.equal(null);
  });
});
