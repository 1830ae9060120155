// The patient-facing texts: one interface every locale file implements, and the helpers that
// pick a LocalizedText from config. Texts are always rendered as text nodes, never parsed as HTML.
import { localize as pick } from '../config/localize.js';
import type { LocalizedText } from '../config/types.js';

/** Every text key the UI shows. A clinic overrides any of them per locale with `config.texts[locale][key]`. */
export interface Texts {
  /** Banner heading. */
  bannerTitle: string;
  /** What the optional cookies are for, in the words of a clinic's privacy policy. */
  bannerBody: string;
  /** The right to refuse, and what refusing may limit. */
  bannerRefuse: string;
  /** Shown above the banner text when the privacy policy changed since the patient decided. */
  policyChanged: string;
  /** Shown when services or purposes changed since the patient decided; `{items}` lists the categories asked again. */
  itemsChanged: string;
  /** Shown when the earlier choice expired. */
  expired: string;
  /** Link text to the privacy policy. */
  policyLink: string;
  acceptAll: string;
  rejectAll: string;
  /** Opens the preference center from the banner. */
  choose: string;
  /** Saves the first-layer switches (Korean default) or the preference center's switches. */
  save: string;
  /** Confirmation after Accept all. */
  doneAccepted: string;
  /** Confirmation after Reject all. */
  doneRejected: string;
  /** Confirmation after withdrawing consent: what is now off and deleted. */
  doneWithdrawn: string;
  /** Confirmation after saving a custom choice. */
  doneSaved: string;
  /** After a refusal of something that already ran: the guards stopped it; a reload clears what is left in the page. */
  reloadHint: string;
  reload: string;
  /** Hides the confirmation. */
  hide: string;
  /** Preference-center heading. */
  prefsTitle: string;
  prefsIntro: string;
  close: string;
  alwaysOn: string;
  /** Label of the disclosure list inside a category; `{n}` is the number of services. */
  services: string;
  recipient: string;
  country: string;
  purpose: string;
  dataSent: string;
  cookies: string;
  retention: string;
  /** Heading of the patient's own consent record. */
  recordTitle: string;
  consentId: string;
  decidedAt: string;
  noRecord: string;
  withdraw: string;
  necessaryLabel: string;
  necessaryPurpose: string;
  analyticsLabel: string;
  analyticsPurpose: string;
  marketingLabel: string;
  marketingPurpose: string;
  /** Next to the marketing switch when the browser sends Global Privacy Control. */
  gpcNote: string;
  /** Caption of the clinic's disclosure table on its privacy-policy page. */
  tableCaption: string;
  service: string;
  category: string;
}

export type TextKey = keyof Texts;

/** Picks one language out of a LocalizedText as config/localize.ts does (the locale, its language, English, the first given); '' for none. */
export const localize = (text: LocalizedText | undefined, locale: string): string => pick(text, locale) ?? '';

/** The locale's texts with the clinic's overrides for that locale laid over them (unknown keys ignored). */
export function withOverrides(base: Texts, overrides: Readonly<Record<string, string>> | undefined): Texts {
  const texts = { ...base };
  for (const key of Object.keys(overrides ?? {})) {
    if (key in base && typeof overrides?.[key] === 'string') texts[key as TextKey] = overrides[key];
  }
  return texts;
}
