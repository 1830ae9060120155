// Turns a decision into a version-1 receipt: the decision per category and per service with purpose
// and recipient, the versions, a coarse device class and the hash of the texts shown, then seals it
// into its chain. Pure apart from hashing: no storage, no network, nothing from the UI.
import { canonicalize, receiptHashInput } from '../../schema/canonicalize.js';
import { LIMITS, matches, PATTERNS } from '../../schema/shapes.js';
import { IMPRESSION_SCHEMA, RECEIPT_SCHEMA, type ImpressionV1, type CategoryDecision, type ConsentReceiptV1, type DeviceClass, type ServiceDecision, type ShownTexts } from '../../schema/types.js';
import { shownDisclosure } from '../config/disclosure.js';
import { localize } from '../config/localize.js';
import type { ResolvedConfig } from '../config/types.js';
import { sha256Hex } from './crypto.js';
import type { Decision } from './types.js';

/** A receipt before it joins its chain. */
export type Draft = Omit<ConsentReceiptV1, 'prev' | 'hash' | 'texts'>;

export interface DraftContext {
  readonly config: ResolvedConfig;
  readonly sdkVersion: string;
  readonly deviceClass: DeviceClass;
  /** The page's URL, to make a relative privacy-policy URL absolute. */
  readonly pageUrl: string;
  /** The page's language, used when no texts were shown. */
  readonly pageLocale: string;
}

/** A BCP 47 tag in the receipt's form ("ko", "ja-JP"); anything unusable becomes "en". */
export function receiptLocale(tag: string): string {
  const [language = '', ...rest] = tag.trim().split(/[-_]/);
  const normal = [language.toLowerCase(), ...rest].join('-');
  return matches(PATTERNS.locale, normal, LIMITS.locale) ? normal : 'en';
}

// The law a clinic's receipts answer to follows the clinic, not the visitor's language: the first
// language the site offers is its home one. Replace with a config field when one is added.
const homeCountry: Readonly<Record<string, string>> = { ko: 'KR', ja: 'JP', zh: 'CN', en: 'US' };

export function jurisdictionOf(config: ResolvedConfig): string {
  const [language = 'ko', region] = (config.languages[0] ?? 'ko').split('-');
  if (region && /^[A-Za-z]{2}$/.test(region)) return region.toUpperCase();
  return homeCountry[language.toLowerCase()] ?? 'KR';
}

/** The stand-in "texts" of a decision no Clinic Consent text was shown for (the site's own button, GPC). */
export function noTexts(locale: string): ShownTexts {
  return { locale, strings: { 'sdk.none': 'No Clinic Consent banner or preference center was on screen for this decision.' } };
}

/**
 * The texts a receipt records: those on screen with the disclosure the preference center lists in their language
 * (built by the same function that renders it), which an "Accept all" on the banner covers too; else the stand-in.
 */
export function recordedTexts(config: ResolvedConfig, shown: ShownTexts | null, locale: string): ShownTexts {
  return shown ? { ...shown, disclosure: shownDisclosure(config, shown.locale, shown.strings) } : noTexts(locale);
}

export function textHash(texts: ShownTexts): Promise<string> {
  return sha256Hex(canonicalize(texts));
}

/** The receipt's fields for `decision`, with the given id and text hash. */
export function draftReceipt(context: DraftContext, decision: Decision, id: string, hashOfTexts: string): Draft {
  const { config } = context;
  const { record, shown } = decision;
  const locale = receiptLocale(shown?.locale ?? context.pageLocale);
  const strings = shown?.strings ?? {};
  const categories: Record<string, CategoryDecision> = {};
  const services: Record<string, ServiceDecision> = {};
  for (const category of config.categories) {
    // A partial record (a GPC refusal before any other choice) says nothing about the other categories.
    if (!(category.id in record.categories)) continue;
    const purpose = localize(category.purpose, locale) || strings[`${category.id}Purpose`] || category.id;
    categories[category.id] = { granted: record.categories[category.id] === true, purpose };
    for (const service of category.services) {
      const thirdParty = localize(service.thirdParty, locale);
      services[service.id] = {
        category: category.id,
        granted: record.services[service.id] === true,
        purpose: localize(service.purpose, locale) || purpose,
        ...(thirdParty ? { thirdParty } : {}),
        ...(service.country ? { country: service.country.toUpperCase() } : {}),
      };
    }
  }
  return {
    schema: RECEIPT_SCHEMA,
    id,
    consentId: record.consentId,
    siteId: config.siteId,
    policy: { url: new URL(config.policy.url, context.pageUrl).href, version: record.policyVersion },
    consentVersion: decision.consentVersion,
    locale,
    jurisdiction: jurisdictionOf(config),
    method: record.method,
    categories,
    services,
    clientTime: new Date(record.decidedAt).toISOString(),
    deviceClass: context.deviceClass,
    sdkVersion: context.sdkVersion,
    textHash: hashOfTexts,
  };
}

/** One banner display: no consent id, only what the no-choice rate is counted by. */
export function impressionOf(context: Omit<DraftContext, 'pageUrl'>, consentVersion: string, id: string, now: number): ImpressionV1 {
  return {
    schema: IMPRESSION_SCHEMA,
    id,
    siteId: context.config.siteId,
    day: new Date(now).toISOString().slice(0, 10),
    locale: receiptLocale(context.pageLocale),
    policyVersion: context.config.policy.version,
    consentVersion,
    sdkVersion: context.sdkVersion,
    deviceClass: context.deviceClass,
  };
}

/** Links a draft to its predecessor's hash and hashes the canonical bytes (RFC 8785), as the collector will. */
export async function seal(draft: Draft, prev: string | null): Promise<ConsentReceiptV1> {
  const linked = { ...draft, prev };
  return { ...linked, hash: await sha256Hex(receiptHashInput(linked)) };
}
