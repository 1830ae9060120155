// vanilla-cookieconsent 3.1.0 as its v3 docs show: the stylesheet in <head>, the UMD build and a
// config script that calls CookieConsent.run(); trackers are <script type="text/plain" data-category=...>.
// `hideFromBots: false` because the default hides the banner whenever navigator.webdriver is set.
import { trackers } from '../page.mjs';

const config = {
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'Analytics cookies measure visit frequency and time; marketing cookies count event visits. You may refuse.',
          acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Choose',
        },
        preferencesModal: {
          title: 'Cookie preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save',
          sections: [
            { title: 'Necessary', linkedCategory: 'necessary' },
            { title: 'Analytics (Medisian Inc.)', linkedCategory: 'analytics' },
            { title: 'Marketing (Medisian Inc.)', linkedCategory: 'marketing' },
          ],
        },
      },
    },
  },
};

/** @type {import('./index.mjs').Adapter} */
export default {
  id: 'vanilla-cookieconsent',
  label: 'vanilla-cookieconsent 3.1.0',
  setup: 'cookieconsent.css in <head>; UMD + inline CookieConsent.run() deferred at end of <body>',
  page: () => ({
    head: `<link rel="stylesheet" href="/node_modules/vanilla-cookieconsent/dist/cookieconsent.css">
<script type="text/plain" data-category="analytics" src="${trackers.analytics}"></script>
<script type="text/plain" data-category="marketing" src="${trackers.marketing}"></script>`,
    // A module script runs after parsing, like the docs' `type="module"` config file, and after the deferred UMD.
    bodyEnd: `<script defer src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script type="module">CookieConsent.run(${JSON.stringify(config)});</script>`,
  }),
  own: (path) => path.startsWith('/node_modules/vanilla-cookieconsent/'),
  banner: `document.querySelector('#cc-main .cm')`,
  accept: '#cc-main .cm [data-role="all"]',
  reject: '#cc-main .cm [data-role="necessary"]',
};
