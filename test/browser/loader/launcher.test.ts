// The plain-DOM way back into the preference center: a floating button (its own part, fetched once a
// choice exists) and any [data-cc-open] element (the loader's).
import { expect } from '@open-wc/testing';
import type { ClinicConsentApi } from '../../../src/api.js';
import { localeChoice } from '../../../src/config/locale-choice.js';
import { installLauncher } from '../../../src/loader/launcher.js';
import { startClinicConsent } from '../../../src/loader/start.js';
import { localeFiles } from '../../../src/ui/locales/index.js';
import { openOnClick } from '../../../src/loader/open-links.js';
import { BannerToggleEvent } from '../../../src/ui/events.js';
import { clinicConfig, forgetChoice, startCore, until } from '../ui/fixtures.js';

/**
 * The real api, with openPreferences recorded instead of opening the UI. Its core adds no button of its
 * own: these tests install theirs, and a core's button, fetched after a choice (this test's, or one another
 * core hears of through the tab channel), could otherwise arrive during a later test and be found there.
 */
async function recordingApi(config = clinicConfig()): Promise<ClinicConsentApi & { opened: number }> {
  const api = await startCore({ ...config, ui: { ...config.ui, floatingButton: false } });
  const recording = { ...api, opened: 0, openPreferences: () => void recording.opened++ };
  return recording;
}

/** As the loader installs it when nothing was asked before and no banner shows. */
const fresh = ({ config }: ClinicConsentApi) => ({ requested: null, banner: false, speaks: localeChoice(config) });
const buttonOf = (host: Element | undefined) => host?.shadowRoot?.querySelector('button') as HTMLButtonElement;

describe('installLauncher', () => {
  afterEach(async () => {
    document.querySelectorAll('cc-launcher, #footer-link, clinic-consent').forEach((element) => element.remove());
    await forgetChoice();
  });

  it('opens the preference center from any element with data-cc-open, without following the link', async () => {
    const api = await recordingApi();
    openOnClick(api);
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
    installLauncher(api, fresh(api));
    const host = document.querySelector('cc-launcher') as HTMLElement;
    expect(host.hidden, 'hidden before any choice').to.equal(true);
    await api.rejectAll();
    expect(host.hidden, 'shown after the choice').to.equal(false);
    const button = buttonOf(host);
    expect(button.textContent).to.equal('Cookie設定');
    button.click();
    expect(api.opened).to.equal(1);
    document.documentElement.lang = previous;
  });

  it('hides while the banner shows, told by the UI\'s public banner event (not by the UI reaching into its DOM)', async () => {
    const api = await recordingApi();
    installLauncher(api, fresh(api));
    const host = document.querySelector('cc-launcher') as HTMLElement;
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
    const launcher = installLauncher(api, fresh(api));
    const button = buttonOf(document.querySelector('cc-launcher') ?? undefined);
    await api.rejectAll();
    expect(button.textContent).to.equal('Cookie settings');
    launcher.setLocale('ja');
    expect(button.textContent, 'setLocale').to.equal('Cookie設定');
    launcher.setLocale('ko');
    expect(button.textContent, "the clinic's override of the preference center's title").to.equal('쿠키 선택');
    document.documentElement.lang = 'ja';
    await until(() => button.textContent === 'Cookie設定', 'a later <html lang> change wins');
    document.documentElement.lang = previous;
  });

  it('is installed by the loader only once a choice exists, and follows ClinicConsent.setLocale(), made before or after', async () => {
    const api = await startCore(clinicConfig());
    api.setLocale('ja');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('cc-launcher'), 'no button before the choice').to.equal(null);
    await api.rejectAll();
    const button = buttonOf(await until(() => document.querySelector('cc-launcher') ?? undefined, 'the button after the choice'));
    expect(button.textContent, 'the setLocale() made before it was installed').to.equal('Cookie設定');
    api.setLocale('ko');
    await until(() => button.textContent === '쿠키 설정', 'a setLocale() after it was installed');
    expect(document.querySelectorAll('cc-launcher').length, 'one button, however many changes').to.equal(1);
  });

  it('stays hidden when installed while the banner shows (the confirmation after a first choice)', async () => {
    // Regression: installed after the banner had announced itself, the button knew nothing of it and
    // showed over the confirmation.
    const api = await startCore(clinicConfig());
    const banner = document.body.appendChild(document.createElement('clinic-consent'));
    banner.dispatchEvent(new BannerToggleEvent(true));
    await api.acceptAll();
    const host = await until(() => document.querySelector('cc-launcher') ?? undefined, 'the button after the choice');
    expect((host as HTMLElement).hidden, 'hidden while the banner shows').to.equal(true);
    banner.dispatchEvent(new BannerToggleEvent(false));
    expect((host as HTMLElement).hidden, 'shown once it went').to.equal(false);
  });

  it('names a button that could not be downloaded without failing closed: the choice stands', async () => {
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => void warned.push(line);
    try {
      const api = startClinicConsent(clinicConfig(), {
        ui: () => import('../../../src/ui/index.js'),
        checker: () => import('../../../src/config/check-part.js'),
        placeholder: () => import('../../../src/blockers/placeholder.js'),
        locale: (bundle) => localeFiles[bundle](),
        launcher: () => Promise.reject(new Error('offline')),
      });
      await api.ready;
      await api.acceptAll();
      const line = await until(() => warned.find((text) => text.includes('CC_ERR_BUTTON_LOAD')), 'the console line');
      expect(line).to.include('offline');
      expect(line, 'not a fail-closed code').not.to.include('only necessary cookies run');
      expect(api.isGranted('analytics'), 'the choice stands').to.equal(true);
      expect(document.querySelector('cc-launcher')).to.equal(null);
    } finally {
      console.warn = warn;
    }
  });

  it("ignores a forged banner event without the UI's detail, and throws nothing into the page", async () => {
    // A page script may dispatch an event of the same name with no detail or a null one.
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      thrown.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      const api = await startCore(clinicConfig());
      await api.rejectAll();
      const host = (await until(() => document.querySelector('cc-launcher') ?? undefined, 'the button after the choice')) as HTMLElement;
      document.dispatchEvent(new Event('clinic-consent:banner'));
      document.dispatchEvent(new CustomEvent('clinic-consent:banner', { detail: null }));
      document.dispatchEvent(new CustomEvent('clinic-consent:banner', { detail: { visible: 'yes' } }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(thrown, 'no error from the listeners').to.deep.equal([]);
      expect(host.hidden, 'still shown: no real banner said it is visible').to.equal(false);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('adds no button when the clinic switched it off', async () => {
    const api = await startCore(clinicConfig({ ui: { floatingButton: false } }));
    await api.rejectAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.querySelector('cc-launcher')).to.equal(null);
  });
});
