// English texts: plain words for patients reading in a second language (medical tourism).
import type { Texts } from '../texts.js';

const en: Texts = {
  bannerTitle: 'Cookies on this website',
  bannerBody:
    'We use necessary cookies to make this website work. With your permission, we would also like to use analytics cookies to see how often and when people visit and which topics interest them, and marketing cookies to count visits to our event pages so we can show you information that suits your interests.',
  bannerRefuse: 'You can refuse optional cookies. If you do, some services, such as event information chosen for you, may be limited.',
  policyChanged: 'Our privacy policy has been updated. Please check the changes and confirm your cookie choice.',
  itemsChanged: 'We have changed what we use for: {items}. Please choose again.',
  expired: 'Your earlier cookie choice has expired. Please choose again.',
  policyLink: 'Read our privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  choose: 'Choose cookies',
  save: 'Save my choices',
  doneAccepted: 'You have accepted all cookies. You can change your choice at any time in Cookie settings.',
  doneRejected: 'You have rejected optional cookies. You can change your choice at any time in Cookie settings.',
  doneWithdrawn: 'You have withdrawn your consent. Optional cookies are deleted and the services that used them have stopped.',
  doneSaved: 'Your cookie settings have been saved. You can change them at any time.',
  reloadHint: 'Services that had started on this page were stopped at once.',
  reload: 'Reload page',
  hide: 'Hide this message',
  prefsTitle: 'Cookie settings',
  prefsIntro:
    'Choose which cookies we may use. Necessary cookies are always on because the website cannot work without them. You can change your choice or withdraw your consent at any time.',
  close: 'Close',
  alwaysOn: 'Always on',
  services: 'Services used ({n})',
  recipient: 'Recipient',
  country: 'Country',
  purpose: 'Purpose',
  dataSent: 'Data sent',
  cookies: 'Cookies',
  retention: 'Kept for',
  recordTitle: 'Your consent record',
  consentId: 'Consent ID',
  decidedAt: 'Decided on',
  noRecord: 'You have not made a choice yet.',
  withdraw: 'Withdraw my consent',
  necessaryLabel: 'Necessary cookies',
  necessaryPurpose: 'Keep the website working and remember your cookie choice. They cannot be switched off.',
  analyticsLabel: 'Analytics cookies',
  analyticsPurpose:
    'Tell us how often and at what times people visit, and which pages and topics interest them, so we can improve our website and services.',
  marketingLabel: 'Marketing cookies',
  marketingPurpose: 'Count your visits to our event pages so we can offer you information that matches your interests.',
  gpcNote:
    'Your browser sends a Global Privacy Control signal, so we keep marketing cookies off. You can still switch them on here if you wish.',
  tableCaption: 'Cookies and external services used on this website',
  service: 'Service',
  category: 'Category',
};

export default en;
