// The plain-DOM way back into the preference center: a floating button and any [data-cc-open] element.
import { expect } from '@open-wc/testing';
import { installLauncher } from '../../../src/ui/launcher.js';
import { makeApi, until } from './fixtures.js';

describe('installLauncher', () => {
  afterEach(() => document.querySelectorAll('cc-launcher, #footer-link').forEach((element) => element.remove()));

  it('opens the preference center from any element with data-cc-open, without following the link', async () => {
    const api = makeApi();
    installLauncher(api);
    const link = Object.assign(document.createElement('a'), { id: 'footer-link', href: '#top', textContent: 'Cookie settings' });
    link.dataset.ccOpen = '';
    document.body.append(link);
    link.click();
    expect(api.calls).to.deep.equal(['openPreferences']);
    expect(location.hash, 'default prevented').not.to.equal('#top');
  });

  it('shows the floating button only once a choice exists, labelled in the page language', async () => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'ja';
    const api = makeApi();
    installLauncher(api);
    const host = document.querySelector('cc-launcher') as HTMLElement;
    expect(host.hidden, 'hidden before any choice').to.equal(true);
    await api.rejectAll();
    expect(host.hidden, 'shown after the choice').to.equal(false);
    const button = host.shadowRoot?.querySelector('button') as HTMLButtonElement;
    expect(button.textContent).to.equal('Cookie設定');
    button.click();
    expect(api.calls).to.include('openPreferences');
    host.toggleAttribute('data-cc-held', true);
    await until(() => getComputedStyle(host).display === 'none', 'held while the banner shows');
    document.documentElement.lang = previous;
  });

  it('adds no button when the clinic switched it off', () => {
    installLauncher(makeApi({ ...makeApi().config, ui: { floatingButton: false, firstLayerToggles: null, theme: 'auto' } }));
    expect(document.querySelector('cc-launcher')).to.equal(null);
  });
});
