// Our SDK, set up the way demo/index.html and the README show: the JSON config block and the
// classic loader first in <head>; trackers are <script type="text/plain" data-consent=...>.
import { trackers } from '../page.mjs';

const config = {
  siteId: 'bench-clinic',
  policy: { url: '/privacy', version: '2026-11-01' },
  languages: ['en'],
  categories: {
    analytics: {
      services: [{
        id: 'medisian-analytics', name: 'Medisian Analytics', thirdParty: 'Medisian Inc.', country: 'KR',
        purpose: 'Visit frequency and time, tastes and interests', cookies: [{ name: '_mda', retention: '1 year' }],
      }],
    },
    marketing: {
      services: [{
        id: 'medisian-event-pixel', name: 'Medisian Event Pixel', thirdParty: 'Medisian Inc.', country: 'KR',
        purpose: 'Event visit counts for differentiated information', cookies: [{ name: '_mdp', retention: '90 days' }],
      }],
    },
  },
};

/** @type {import('./index.mjs').Adapter} */
export default {
  id: 'clinic-consent',
  label: 'Clinic Consent (ours)',
  ours: true,
  setup: 'JSON config + classic loader first in <head>; UI chunks lazy from dist/<version>/ui/',
  page: () => ({
    head: `<script type="application/json" id="cc-config">${JSON.stringify(config)}</script>
<script src="/dist/clinic-consent.js" data-config="cc-config"></script>
<script type="text/plain" data-consent="analytics" src="${trackers.analytics}"></script>
<script type="text/plain" data-consent="marketing" src="${trackers.marketing}"></script>`,
  }),
  own: (path) => path.startsWith('/dist/'),
  banner: `document.querySelector('clinic-consent')?.shadowRoot?.querySelector('[part~="banner"]')`,
  accept: 'clinic-consent [part~="accept"]',
  reject: 'clinic-consent [part~="reject"]',
};
