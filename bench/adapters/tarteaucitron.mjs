// tarteaucitron.js 1.34.0 as its README shows: the script, tarteaucitron.init({...}) inline, one custom
// service per tracker (`js` calls tarteaucitron.addScript once allowed) and `tarteaucitron.job.push`.
// The .min build is used; it then fetches its own .min language file, services file and CSS.
import { trackers } from '../page.mjs';

const init = {
  privacyUrl: '/privacy',
  bodyPosition: 'bottom',
  hashtag: '#tarteaucitron',
  cookieName: 'tarteaucitron',
  orientation: 'bottom',
  groupServices: false,
  serviceDefaultState: 'wait',
  showAlertSmall: false,
  cookieslist: false,
  showIcon: true,
  iconPosition: 'BottomRight',
  adblocker: false,
  DenyAllCta: true,
  AcceptAllCta: true,
  highPrivacy: true,
  handleBrowserDNTRequest: false,
  removeCredit: false,
  moreInfoLink: true,
  useExternalCss: false,
  useExternalJs: false,
  mandatory: true,
  googleConsentMode: false,
};

const service = (key, type, name, cookie, src) => `tarteaucitron.services['${key}'] = {
  key: '${key}', type: '${type}', name: '${name}', needConsent: true, cookies: ['${cookie}'],
  js: function () { 'use strict'; tarteaucitron.addScript('${src}'); }
};
(tarteaucitron.job = tarteaucitron.job || []).push('${key}');`;

/** @type {import('./index.mjs').Adapter} */
export default {
  id: 'tarteaucitron',
  label: 'tarteaucitron.js 1.34.0',
  setup: 'tarteaucitron.min.js + inline init() and two custom services in <head>; it fetches lang, services and CSS itself',
  page: () => ({
    head: `<script src="/node_modules/tarteaucitronjs/tarteaucitron.min.js"></script>
<script>
tarteaucitronForceLanguage = 'en';
tarteaucitron.init(${JSON.stringify(init)});
${service('medisiananalytics', 'analytic', 'Medisian Analytics', '_mda', trackers.analytics)}
${service('medisianpixel', 'ads', 'Medisian Event Pixel', '_mdp', trackers.marketing)}
</script>`,
  }),
  own: (path) => path.startsWith('/node_modules/tarteaucitronjs/'),
  banner: `document.getElementById('tarteaucitronAlertBig')`,
  accept: '#tarteaucitronPersonalize2',
  reject: '#tarteaucitronAllDenied2',
};
