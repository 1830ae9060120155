/**
 * The JSON schemas of the receipt, the impression and the clinic's config, built from shapes.ts. The files
 * `receipt.v1.schema.json`, `impression.v1.schema.json` and `config.schema.json` are these documents as
 * published (test/unit/schema/documents.test.ts proves they are equal; `npm run schemas` rewrites them).
 * Node-side only (tests, scripts): the SDK imports shapes.ts, never this file.
 */
import { DECISION_METHODS, DEVICE_CLASSES, LIMITS, PATTERNS } from './shapes.js';

type Json = Record<string, unknown>;

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const ID_BASE = 'https://clinic-consent.dev/schema/';

const string = (pattern: string, extra: Json = {}): Json => ({ type: 'string', pattern, ...extra });
const bounded = (maxLength: number, extra: Json = {}): Json => ({ type: 'string', minLength: 1, maxLength, ...extra });
const locale = (extra: Json = {}): Json => string(PATTERNS.locale, { maxLength: LIMITS.locale, ...extra });

/** A published document's head: where it lives, its title and what it describes. */
const head = (file: string, title: string, description: string): Json => ({ $schema: DRAFT_07, $id: `${ID_BASE}${file}`, title, description });

/** A text as shown, never empty; the limits are the config's own (src/config/check.ts), so no valid config exceeds them. */
const shown = (max: number = LIMITS.text): Json => bounded(max);
const shownDisclosure: Json = {
  type: 'array',
  description: "Optional: what the preference center listed, in the texts' language: each category with its services, their recipient, country, data, cookies and retention. Absent from receipts of earlier SDKs and of decisions made without the UI.",
  maxItems: LIMITS.categories,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name', 'services'],
    properties: {
      id: string(PATTERNS.categoryId),
      name: shown(),
      description: shown(LIMITS.purpose),
      services: {
        type: 'array',
        maxItems: LIMITS.services,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name', 'cookies'],
          properties: {
            id: string(PATTERNS.serviceId),
            name: shown(),
            purpose: shown(LIMITS.purpose),
            dataSent: shown(),
            thirdParty: shown(LIMITS.thirdParty),
            country: shown(LIMITS.thirdParty),
            cookies: {
              type: 'array',
              items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: shown(), retention: shown() } },
            },
          },
        },
      },
    },
  },
};

export const receiptSchema: Json = {
  ...head(
    'receipt.v1.schema.json',
    'Clinic Consent receipt, version 1',
    'One consent decision. Field meanings follow ISO/IEC TS 27560:2023 and Kantara Consent Receipt 1.1; see schema/README.md for the hash rule.',
  ),
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'id', 'consentId', 'siteId', 'policy', 'locale', 'jurisdiction', 'method', 'categories', 'services', 'clientTime', 'deviceClass', 'sdkVersion', 'textHash', 'prev', 'hash'],
  properties: {
    schema: { const: 'clinic-consent/receipt/1', description: 'Format and version of this document.' },
    id: string(PATTERNS.uuid, { description: 'Receipt id: a random UUID in lower case, unique per decision.' }),
    consentId: string(PATTERNS.consentId, { description: "Random pseudonymous id of the visitor's consent; never derived from a name, IP or device." }),
    siteId: string(PATTERNS.siteId, { description: 'The clinic site as registered at the collector.' }),
    policy: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'version'],
      properties: {
        url: string(PATTERNS.absoluteUrl, { maxLength: LIMITS.policyUrl }),
        version: bounded(LIMITS.policyVersion),
      },
    },
    consentVersion: bounded(LIMITS.consentVersion, { description: "Optional: the SDK's derived consent version (categories, services, purposes, recipients)." }),
    locale: locale({ description: 'BCP 47 language tag of the texts shown, e.g. ko, en, ja-JP.' }),
    jurisdiction: string(PATTERNS.jurisdiction, { description: 'ISO 3166 code of the law applied, e.g. KR.' }),
    method: { enum: [...DECISION_METHODS], description: 'How the decision was given.' },
    categories: {
      type: 'object',
      description: 'Decision per category id.',
      minProperties: 1,
      maxProperties: LIMITS.categories,
      propertyNames: { pattern: PATTERNS.categoryId },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['granted', 'purpose'],
        properties: {
          granted: { type: 'boolean' },
          purpose: bounded(LIMITS.purpose),
        },
      },
    },
    services: {
      type: 'object',
      description: 'Decision per service id, with its purpose and the third party that receives data.',
      maxProperties: LIMITS.services,
      propertyNames: { pattern: PATTERNS.serviceId },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['category', 'granted', 'purpose'],
        dependencies: { thirdParty: ['country'] },
        properties: {
          category: string(PATTERNS.categoryId),
          granted: { type: 'boolean' },
          purpose: bounded(LIMITS.purpose),
          thirdParty: bounded(LIMITS.thirdParty),
          country: string(PATTERNS.country, { description: 'ISO 3166-1 alpha-2 country of the recipient (overseas transfer notice).' }),
        },
      },
    },
    clientTime: string(PATTERNS.clientTime, { description: 'Browser clock at decision time, ISO 8601 UTC.' }),
    deviceClass: { enum: [...DEVICE_CLASSES], description: 'From media queries; never the user agent.' },
    sdkVersion: string(PATTERNS.sdkVersion),
    textHash: string(PATTERNS.sha256Hex, { description: 'Lower-case hex SHA-256 of the UTF-8 RFC 8785 canonical form of the texts shown (the `texts` object).' }),
    texts: {
      type: 'object',
      description: 'Optional: the texts shown, sent only when the collector answered textsKnown=false. Not part of the receipt hash.',
      additionalProperties: false,
      required: ['locale', 'strings'],
      properties: {
        locale: locale(),
        strings: {
          type: 'object',
          minProperties: 1,
          maxProperties: LIMITS.textKeys,
          propertyNames: { pattern: PATTERNS.textKey },
          additionalProperties: { type: 'string', maxLength: LIMITS.text },
        },
        disclosure: shownDisclosure,
      },
    },
    prev: { oneOf: [{ type: 'null' }, string(PATTERNS.sha256Hex)], description: "The previous receipt's hash for the same consent id; null for the first." },
    hash: string(PATTERNS.sha256Hex, { description: 'Lower-case hex SHA-256 over the UTF-8 RFC 8785 canonical form of this receipt without `hash` and `texts`.' }),
  },
};

const V1_FIELDS = ['id', 'siteId', 'policy', 'consentVersion', 'locale', 'jurisdiction', 'method', 'categories', 'services', 'clientTime', 'deviceClass', 'sdkVersion', 'textHash', 'texts', 'prev'];

/** Version 2: version 1's fields by reference, plus the browser's public key (hashed) and its signature (not hashed). */
export const receiptV2Schema: Json = {
  ...head(
    'receipt.v2.schema.json',
    "Clinic Consent receipt, version 2 (signed by the patient's browser)",
    "A version-1 receipt plus the public key of a non-extractable ECDSA P-256 key held by the patient's browser (inside the hashed bytes) and that key's signature over them (outside). The consent id is derived from the key, so only the holder of the private key can add to its chain. See schema/README.md.",
  ),
  type: 'object',
  additionalProperties: false,
  required: [...(receiptSchema['required'] as string[]).filter((name) => name !== 'hash'), 'deviceKey', 'hash', 'signature'],
  properties: {
    schema: { const: 'clinic-consent/receipt/2' },
    ...Object.fromEntries(V1_FIELDS.map((name) => [name, { $ref: `receipt.v1.schema.json#/properties/${name}` }])),
    consentId: string(PATTERNS.deviceConsentId, { description: '"k-" and the RFC 7638 JWK thumbprint (SHA-256, base64url) of deviceKey.' }),
    deviceKey: {
      type: 'object',
      description: "The browser key's public half as a JWK (RFC 7517), exactly these four members.",
      additionalProperties: false,
      required: ['kty', 'crv', 'x', 'y'],
      properties: { kty: { const: 'EC' }, crv: { const: 'P-256' }, x: string(PATTERNS.p256Coordinate), y: string(PATTERNS.p256Coordinate) },
    },
    hash: string(PATTERNS.sha256Hex, { description: 'Lower-case hex SHA-256 over the UTF-8 RFC 8785 canonical form of this receipt without `hash`, `texts` and `signature`.' }),
    signature: string(PATTERNS.p256Signature, { description: 'base64url ECDSA P-256 / SHA-256 signature (IEEE P1363, r||s) by deviceKey over the same canonical bytes as `hash`.' }),
  },
};

export const impressionSchema: Json = {
  ...head('impression.v1.schema.json', 'Clinic Consent banner impression, version 1', 'One banner display per tab session, so no-choice rates can be computed. Carries no consent id.'),
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'id', 'siteId', 'day', 'locale', 'policyVersion', 'sdkVersion', 'deviceClass'],
  properties: {
    schema: { const: 'clinic-consent/impression/1' },
    id: string(PATTERNS.uuid, { description: 'Random UUID of this event only, so a resend from the outbox is not counted twice.' }),
    siteId: string(PATTERNS.siteId),
    day: string(PATTERNS.day, { description: 'UTC day of the display.' }),
    locale: locale(),
    policyVersion: bounded(LIMITS.policyVersion),
    consentVersion: bounded(LIMITS.consentVersion),
    sdkVersion: string(PATTERNS.sdkVersion),
    textHash: string(PATTERNS.sha256Hex),
    deviceClass: { enum: [...DEVICE_CLASSES] },
  },
};

export const leakSchema: Json = {
  ...head(
    'leak.v1.schema.json',
    'Clinic Consent leak report, version 1',
    'Trackers a page requested before consent: at most one per page path, day and browser. Carries no URL, query, referrer or id of the visitor.',
  ),
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'id', 'siteId', 'day', 'trackers'],
  oneOf: [{ required: ['path'] }, { required: ['sensitive'] }],
  properties: {
    schema: { const: 'clinic-consent/leak/1' },
    id: string(PATTERNS.uuid, { description: 'Random UUID of this report only, so a resend from the outbox is not counted twice.' }),
    siteId: string(PATTERNS.siteId),
    day: string(PATTERNS.day, { description: 'UTC day of the page view.' }),
    trackers: {
      type: 'array',
      minItems: 1,
      maxItems: LIMITS.services,
      uniqueItems: true,
      items: string(PATTERNS.serviceId),
      description: 'Service ids of the trackers requested before consent.',
    },
    path: string(PATTERNS.pagePath, { maxLength: LIMITS.pagePath, description: "The page's path, percent-encoded, cut to its first segment or to the longest prefix in tracking.leakPaths." }),
    sensitive: { type: 'integer', minimum: 0, maximum: LIMITS.sensitivePaths - 1, description: 'On a sensitive page, instead of its path: the index of the rule in tracking.sensitivePaths.' },
  },
};

/** A text in one language, or by language: `{"ko": "…", "en": "…"}`; each at most `max` characters. */
const localized = (max: number = LIMITS.text): Json => ({
  oneOf: [
    { type: 'string', minLength: 1, maxLength: max, pattern: '\\S' },
    { type: 'object', additionalProperties: { type: 'string', maxLength: max } },
  ],
});
const strings = (extra: Json = {}): Json => ({ type: 'array', items: { type: 'string', minLength: 1, ...extra } });
const url: Json = { type: 'string', maxLength: LIMITS.policyUrl, pattern: '^(https?://[^\\s/]+|/)\\S*$' };
const closed = (properties: Json, required: string[] = []): Json => ({ type: 'object', additionalProperties: false, ...(required.length ? { required } : {}), properties });

const service = {
  ...closed(
    {
      id: string(PATTERNS.serviceId, { description: 'Stable id, used in markup (data-consent-service) and receipts.' }),
      name: localized(),
      thirdParty: localized(LIMITS.thirdParty),
      country: string(PATTERNS.country, { description: "The recipient's ISO 3166-1 alpha-2 country; required with thirdParty." }),
      purpose: localized(LIMITS.purpose),
      dataSent: localized(),
      cookies: { type: 'array', items: closed({ name: { type: 'string', minLength: 1 }, domain: { type: 'string', minLength: 1 }, retention: localized() }, ['name']) },
      localStorageKeys: strings(),
    },
    ['id', 'name'],
  ),
  dependencies: { thirdParty: ['country'] },
};

const trackerEntry = closed(
  {
    service: string(PATTERNS.serviceId),
    category: string(PATTERNS.categoryId),
    patterns: strings(),
    cookies: strings(),
    markers: strings(),
    storage: strings(),
    google: { type: 'boolean' },
    replay: { type: 'boolean' },
  },
  ['service'],
);

const signal = { type: 'string', minLength: 1, description: '"granted", "denied" or a category id.' };

/** The clinic's configuration, for editors; the SDK's own check (src/config/check.ts) also knows cross-field rules. */
export const configSchema: Json = {
  ...head(
    'config.schema.json',
    'Clinic Consent configuration',
    'What a clinic writes in <script type="application/json" data-config> or window.ClinicConsentConfig. Any problem makes the SDK run necessary cookies only.',
  ),
  ...closed(
    {
      siteId: string(PATTERNS.siteId, { description: 'The site id registered at the collector.' }),
      policy: closed({ url, version: { type: 'string', minLength: 1, maxLength: LIMITS.policyVersion, pattern: '\\S' } }, ['url', 'version']),
      categories: {
        type: 'object',
        maxProperties: LIMITS.categories,
        propertyNames: { pattern: PATTERNS.categoryId },
        additionalProperties: closed({ label: localized(), purpose: localized(LIMITS.purpose), services: { type: 'array', items: service } }),
      },
      consentLifetimeDays: { type: 'integer', minimum: 1, maximum: 1095 },
      receiptEndpoint: url,
      languages: { type: 'array', minItems: 1, items: locale() },
      locale: { type: 'string', minLength: 1 },
      texts: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string', maxLength: LIMITS.text } } },
      consentMode: closed({
        enabled: { type: 'boolean' },
        signals: closed(Object.fromEntries(['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'].map((name) => [name, signal]))),
        waitForUpdate: { type: 'integer', minimum: 0, maximum: 10000 },
      }),
      ui: closed({ floatingButton: { type: 'boolean' }, firstLayerToggles: { type: 'boolean' }, theme: { enum: ['auto', 'light', 'dark'] } }),
      cookieDomain: { type: 'string', minLength: 1 },
      tracking: closed({
        catalog: { type: 'boolean' },
        entries: { type: 'array', items: trackerEntry },
        sensitivePaths: { ...strings({ pattern: '^/' }), maxItems: LIMITS.sensitivePaths },
        leakPaths: { ...strings({ pattern: '^/' }), description: 'Path prefixes a leak report may name in full; other paths are cut to their first segment.' },
        sessionReplay: { enum: ['off', 'masked'] },
        googleMode: { enum: ['basic', 'advanced'] },
        reloadOnWithdraw: { type: 'boolean' },
      }),
      globalPrivacyControl: { type: 'boolean' },
      checked: { type: 'string', minLength: 1 },
    },
    ['siteId', 'policy'],
  ),
};
