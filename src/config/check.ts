// Checks a clinic's configuration and names every wrong field by its path
// ("categories.marketing.services[1].country: expected a two-letter ISO 3166-1 country code…").
// Any problem means the SDK runs fail-closed (necessary only). This module is a lazily loaded
// chunk: the loader fetches it only when it has not yet seen this exact config pass. The shapes
// come from schema/shapes.ts, the ones the collector holds receipts to; the field checks from fields.ts.
import { LIMITS, PATTERNS } from '../../schema/shapes.js';
import { bool, both, describe, integer, isMap, join, list, localized, map, object, oneOf, pattern, strings, text, url, type Check, type Context, type Map_ } from './fields.js';
import { defaultSignals, NECESSARY } from './resolve.js';

/** Overseas-transfer notices (PIPA) and receipts name the recipient's country with the recipient. */
const recipient: Check = (service, path, context) => {
  if (!isMap(service)) return;
  if (service.country === undefined && service.thirdParty !== undefined) {
    context.report(join(path, 'country'), "the recipient's two-letter country code, required with thirdParty", undefined);
  }
  if (typeof service.id !== 'string') return;
  if (context.serviceIds.has(service.id)) context.report(join(path, 'id'), 'an id no other service uses', service.id);
  context.serviceIds.add(service.id);
};

const serviceFields = object(
  {
    id: both(text(), pattern(PATTERNS.serviceId, 'up to 64 lower-case letters, digits, "-", "_" and ".", starting with a letter or digit')),
    name: localized(),
    thirdParty: localized(LIMITS.thirdParty),
    country: pattern(PATTERNS.country, 'a two-letter ISO 3166-1 country code such as "KR" or "US"'),
    purpose: localized(LIMITS.purpose),
    dataSent: localized(),
    cookies: list(object({ name: text(), domain: text(), retention: localized() }, ['name'])),
    localStorageKeys: strings(),
  },
  ['id', 'name'],
);
const service: Check = (value, path, context) => {
  serviceFields(value, path, context);
  recipient(value, path, context);
};

const category = object({ label: localized(), purpose: localized(LIMITS.purpose), services: list(service) });

/** Each Consent Mode signal follows a category of this config, or is fixed. */
const signal: Check = (value, path, context) => {
  const ids = categoryIds(context.root);
  if (!(value === 'granted' || value === 'denied' || ids.includes(value as string))) context.report(path, `"granted", "denied" or a category id (${ids.join(', ')})`, value);
};

/** A clinic's text override; a purpose text stands in for a category's purpose in receipts. */
const override: Check = (value, path, context) => {
  const max = path.endsWith('Purpose') ? LIMITS.purpose : LIMITS.text;
  if (typeof value !== 'string') context.report(path, 'a string', value);
  else if (value.length > max) context.report(path, `at most ${max} characters`, value);
};

const flag = bool;
/** A path prefix (`sensitivePaths`, `leakPaths`). */
const path = both(text(), pattern('^/', 'a path starting with "/"'));
const serviceId = pattern(PATTERNS.serviceId, 'a service id of lower-case letters, digits, "-", "_" and "."');

/** `tracking` (src/config/tracking.ts describes each field). */
const tracking: Check = object({
  catalog: flag,
  entries: list(
    object(
      {
        service: serviceId,
        category: pattern(PATTERNS.categoryId, 'a category id'),
        patterns: strings(),
        cookies: strings(),
        markers: strings(),
        storage: strings(),
        google: flag,
        replay: flag,
      },
      ['service'],
    ),
  ),
  sensitivePaths: list(path, 0, LIMITS.sensitivePaths),
  leakPaths: strings(path),
  sessionReplay: oneOf('off', 'masked'),
  googleMode: oneOf('basic', 'advanced'),
  reloadOnWithdraw: flag,
});
/** The table: every field a clinic may write, in the order problems are reported. */
const config = object(
  {
    siteId: both(text(), pattern(PATTERNS.siteId, 'the site id registered at the collector: 2 to 63 lower-case letters, digits and "-", not starting with "-"')),
    policy: object({ url, version: text(LIMITS.policyVersion) }, ['url', 'version']),
    categories: map(pattern(PATTERNS.categoryId, 'a category id of up to 40 lower-case letters, digits, "-" and "_", starting with a letter'), category),
    consentLifetimeDays: integer(1, 1095),
    receiptEndpoint: url,
    languages: list(pattern(PATTERNS.locale, 'a language code such as "ko" or "en"', LIMITS.locale), 1),
    locale: text(),
    texts: map(null, (value, path, context) => (isMap(value) ? map(null, override)(value, path, context) : context.report(path, 'an object of strings by text key', value))),
    consentMode: object({ enabled: bool, signals: object(Object.fromEntries(Object.keys(defaultSignals).map((name) => [name, signal]))), waitForUpdate: integer(0, 10000) }),
    ui: object({ floatingButton: bool, firstLayerToggles: bool, theme: oneOf('auto', 'light', 'dark') }),
    cookieDomain: text(),
    tracking,
    globalPrivacyControl: bool,
    // Written by `clinic-consent check --stamp`; a stale one only means the check runs in the browser.
    checked: text(),
  },
  ['siteId', 'policy'],
);

/** Every problem of `raw`, one line each naming the field; empty when the config is valid. */
export function checkConfig(raw: unknown): string[] {
  const problems: string[] = [];
  const context: Context = {
    report: (path, expected, got) => problems.push(`${path}: expected ${expected}, got ${describe(got)}`),
    unknownField: (path, known) => problems.push(`${path}: unknown field (expected one of ${known.join(', ')})`),
    root: isMap(raw) ? raw : {},
    serviceIds: new Set(),
  };
  config(raw, '', context);
  if (!isMap(raw)) return problems;
  // Receipts are hashed over RFC 8785 text, which no string with half a UTF-16 pair has, and the collector
  // refuses a NUL anywhere (PostgreSQL cannot store it): either would have every receipt refused for good.
  wellFormed(raw, '', (path, value) => context.report(path, 'text without broken characters (a lone UTF-16 surrogate or a NUL)', value));
  // A receipt holds every category and every service of one decision; the collector caps both.
  const categories = categoryIds(raw).length;
  if (categories > LIMITS.categories) context.report('categories', `at most ${LIMITS.categories - 1} categories besides necessary`, categories);
  if (context.serviceIds.size > LIMITS.services) context.report('categories', `at most ${LIMITS.services} services in all`, context.serviceIds.size);
  return problems;
}

/** The category ids a config ends up with: necessary, and the clinic's (analytics and marketing by default). */
function categoryIds(root: Map_): string[] {
  return [...new Set([NECESSARY, ...Object.keys(isMap(root.categories) ? root.categories : { analytics: 1, marketing: 1 })])];
}

/** Reports every string in `value` (keys included) that holds a lone UTF-16 surrogate. */
function wellFormed(value: unknown, path: string, report: (path: string, value: string) => void): void {
  const broken = (text: string) => /[\p{Cs}\0]/u.test(text);
  if (typeof value === 'string' && broken(value)) report(path || 'config', value);
  if (typeof value !== 'object' || value === null) return;
  for (const [key, entry] of Object.entries(value)) {
    const next = Array.isArray(value) ? `${path}[${key}]` : join(path, key);
    if (broken(key)) report(next, key);
    wellFormed(entry, next, report);
  }
}
