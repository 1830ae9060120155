/**
 * Every shape the SDK and the collector share, written once: id, locale and country patterns, the decision
 * methods, device classes and string limits. The JSON schemas beside this file are generated from these
 * (schema/documents.ts, `npm run schemas`); the SDK's config check (src/config/check.ts), the receipt builder
 * (src/receipts/build.ts) and the collector take them from here. Imports nothing, so any chunk may bundle it.
 *
 * Patterns are kept as source text (JSON Schema's `pattern`); `matches(PATTERNS.siteId, value)` tests one.
 */

export const PATTERNS = {
  /** The clinic site as registered at the collector: 2–63 of a-z, 0-9 and "-", not starting with "-". */
  siteId: '^[a-z0-9][a-z0-9-]{1,62}$',
  /** A consent category ("analytics"). */
  categoryId: '^[a-z][a-z0-9_-]{0,39}$',
  /** A service inside a category ("naver-analytics"). */
  serviceId: '^[a-z0-9][a-z0-9_.-]{0,63}$',
  /** BCP 47 tag as receipts write it ("ko", "ja-JP"); at most `LIMITS.locale` characters. */
  locale: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
  /** ISO 3166-1 alpha-2 country code ("KR"). */
  country: '^[A-Z]{2}$',
  /** ISO 3166 code of the law applied ("KR", "US-CA"). */
  jurisdiction: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$',
  /** Random pseudonymous consent id. */
  consentId: '^[A-Za-z0-9_-]{16,64}$',
  /** The consent id of a browser-signed receipt: "k-" and the key's RFC 7638 thumbprint (base64url SHA-256). */
  deviceConsentId: '^k-[A-Za-z0-9_-]{43}$',
  /** One coordinate of a P-256 public key, base64url (RFC 7518). */
  p256Coordinate: '^[A-Za-z0-9_-]{43}$',
  /** An ECDSA P-256 / SHA-256 signature, IEEE P1363 (r||s), base64url. */
  p256Signature: '^[A-Za-z0-9_-]{86}$',
  uuid: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  sha256Hex: '^[0-9a-f]{64}$',
  sdkVersion: '^[0-9A-Za-z.+-]{1,32}$',
  /** A key of the texts shown ("bannerTitle"). */
  textKey: '^[A-Za-z0-9_.-]{1,80}$',
  /** An absolute http(s) URL, as a receipt names the privacy policy. */
  absoluteUrl: '^https?://[^\\s]+$',
  clientTime: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$',
  day: '^\\d{4}-\\d{2}-\\d{2}$',
  /**
   * A page path as a leak report names it: "/" and path characters only (RFC 3986 pchar), anything else
   * percent-encoded, as `location.pathname` writes it ("/%EC%98%88%EC%95%BD"); never a query or a fragment.
   */
  pagePath: "^/(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*$",
} as const;

/** Lengths and counts (characters for strings, members for objects). */
export const LIMITS = {
  /** A purpose in plain words, of a category or a service. */
  purpose: 500,
  /** The company that receives data. */
  thirdParty: 200,
  policyVersion: 64,
  policyUrl: 2048,
  consentVersion: 128,
  locale: 35,
  /** One text value shown to the patient. */
  text: 4000,
  /** Text keys in one set of texts shown. */
  textKeys: 200,
  /** Categories in one decision, `necessary` included. */
  categories: 32,
  /** Services in one decision, across all categories. */
  services: 64,
  /** A page path in a leak report. */
  pagePath: 512,
  /** Rules in `tracking.sensitivePaths` (a leak report on a sensitive page names the rule's index). */
  sensitivePaths: 100,
} as const;

/** How a decision was given. The choice cookie stores the index: append new methods, never reorder. */
export const DECISION_METHODS = ['accept-all', 'reject-all', 'preferences', 'withdraw', 'gpc'] as const;
export type ConsentMethod = (typeof DECISION_METHODS)[number];

export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** Whether `value` is a string matching one of PATTERNS (and, if given, at most `max` characters). */
export function matches(pattern: string, value: unknown, max = Infinity): value is string {
  return typeof value === 'string' && value.length <= max && new RegExp(pattern).test(value);
}
