// Our SDK, set up the way demo/index.html and the README show: the JSON config block and the
// classic loader first in <head>; trackers are <script type="text/plain" data-consent=...>.
// Two setups: the config stamped as checked at build time (`clinic-consent check --stamp`, what the
// budgets hold for) and the same config plain (the runtime checker runs on a browser's first visit).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

/**
 * @param {{ id: string, label: string, setup: string, config: () => object, prepare?: (root: string) => Promise<void>, variantOf?: string }} setup
 * @returns {import('./index.mjs').Adapter}
 */
const clinicConsent = ({ config: pageConfig, ...setup }) => ({
  ...setup,
  ours: !setup.variantOf,
  page: () => ({
    head: `<script type="application/json" id="cc-config">${JSON.stringify(pageConfig())}</script>
<script src="/dist/clinic-consent.js" data-config="cc-config"></script>
<script type="text/plain" data-consent="analytics" src="${trackers.analytics}"></script>
<script type="text/plain" data-consent="marketing" src="${trackers.marketing}"></script>`,
  }),
  own: (path) => path.startsWith('/dist/'),
  banner: `document.querySelector('clinic-consent')?.shadowRoot?.querySelector('[part~="banner"]')`,
  accept: 'clinic-consent [part~="accept"]',
  reject: 'clinic-consent [part~="reject"]',
  // The decision journal (src/receipts/journal.ts) is empty once the receipts part has kept the receipt.
  settled: `localStorage.getItem('cc-clinic-journal') === null`,
});

let stamped = null;

/** The config as `npx clinic-consent check config.json --stamp` leaves it (the built CLI, as a clinic would run it). */
export default clinicConsent({
  id: 'clinic-consent',
  label: 'Clinic Consent (ours, stamped config)',
  setup: 'JSON config stamped at build time + classic loader first in <head>; UI chunks lazy from dist/<version>/ui/',
  async prepare(root) {
    const file = resolve(root, '.tmp/bench/clinic-config.json');
    mkdirSync(resolve(root, '.tmp/bench'), { recursive: true });
    writeFileSync(file, JSON.stringify(config, null, 2));
    execFileSync(process.execPath, [resolve(root, 'dist/cli/clinic-consent.mjs'), 'check', file, '--stamp'], { stdio: 'ignore' });
    stamped = JSON.parse(readFileSync(file, 'utf8'));
  },
  config: () => {
    if (!stamped) throw new Error('the stamped config is made in prepare()');
    return stamped;
  },
});

/** The same config without a stamp: reported beside ours, not budgeted, and not a peer. */
export const plain = clinicConsent({
  id: 'clinic-consent-plain',
  label: 'Clinic Consent (ours, plain config)',
  setup: 'the same config without a stamp: the runtime config check is fetched on a browser\'s first visit',
  variantOf: 'clinic-consent',
  config: () => config,
});
