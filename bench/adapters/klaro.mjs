// Klaro 0.7.22 as its README shows: a global `klaroConfig`, then klaro.js (styles and translations
// included) loaded `defer`; trackers are <script type="text/plain" data-type data-name data-src>.
import { trackers } from '../page.mjs';

const config = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  lang: 'en',
  privacyPolicy: '/privacy',
  services: [
    { name: 'medisian-analytics', title: 'Medisian Analytics', purposes: ['analytics'], cookies: ['_mda'] },
    { name: 'medisian-event-pixel', title: 'Medisian Event Pixel', purposes: ['marketing'], cookies: ['_mdp'] },
  ],
};

const gated = (name, src) =>
  `<script type="text/plain" data-type="text/javascript" data-name="${name}" data-src="${src}"></script>`;

/** @type {import('./index.mjs').Adapter} */
export default {
  id: 'klaro',
  label: 'Klaro 0.7.22',
  setup: 'inline klaroConfig, then klaro.js (CSS + translations bundled) `defer` in <head>',
  page: () => ({
    head: `<script>var klaroConfig = ${JSON.stringify(config)};</script>
<script defer src="/node_modules/klaro/dist/klaro.js"></script>
${gated('medisian-analytics', trackers.analytics)}
${gated('medisian-event-pixel', trackers.marketing)}`,
  }),
  own: (path) => path.startsWith('/node_modules/klaro/'),
  banner: `document.querySelector('#klaro .cookie-notice:not(.cookie-notice-hidden)')`,
  accept: '#klaro .cookie-notice .cm-btn-success',
  reject: '#klaro .cookie-notice .cm-btn-danger',
};
