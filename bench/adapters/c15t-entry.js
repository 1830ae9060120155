// The c15t page bundle (built by c15t.mjs with esbuild). c15t 2.2.1's prebuilt UI is React
// (@c15t/react); its `c15t` package is the headless core, so this file adds the minimal vanilla DOM
// banner its "Building UI" guide shows. Offline mode: no backend, consent kept in cookie + localStorage.
import { getOrCreateConsentRuntime } from 'c15t';

const { consentStore } = getOrCreateConsentRuntime({
  mode: 'offline',
  consentCategories: ['necessary', 'measurement', 'marketing'],
  // The script loader is c15t's documented way to gate trackers; esbuild fills these in from page.mjs.
  scripts: [
    { id: 'medisian-analytics', src: process.env.BENCH_ANALYTICS_SRC, category: 'measurement' },
    { id: 'medisian-event-pixel', src: process.env.BENCH_MARKETING_SRC, category: 'marketing' },
  ],
});

const banner = document.createElement('div');
banner.id = 'c15t-banner';
banner.setAttribute('role', 'dialog');
banner.setAttribute('aria-label', 'Cookie consent');
banner.style.cssText =
  'position:fixed;inset-inline:16px;bottom:16px;z-index:2147483000;padding:16px;background:#fff;color:#1d2733;' +
  'border-radius:8px;box-shadow:0 4px 24px rgba(0,0,0,.2);font:15px/1.4 system-ui,sans-serif;display:none';
banner.innerHTML = `<p>Analytics cookies measure visit frequency and time; marketing cookies count event visits. You may refuse.</p>
<div><button id="c15t-accept" type="button">Accept all</button> <button id="c15t-reject" type="button">Reject all</button>
<button id="c15t-customize" type="button">Choose</button></div>`;
document.body.appendChild(banner);

banner.querySelector('#c15t-accept').addEventListener('click', () => consentStore.getState().saveConsents('all'));
banner.querySelector('#c15t-reject').addEventListener('click', () => consentStore.getState().saveConsents('necessary'));
banner.querySelector('#c15t-customize').addEventListener('click', () => consentStore.getState().setActiveUI('dialog'));

const render = (state) => {
  banner.style.display = state.activeUI === 'banner' ? 'block' : 'none';
};
consentStore.subscribe(render);
render(consentStore.getState());
