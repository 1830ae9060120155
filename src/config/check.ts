// Checks a clinic's configuration and names every wrong field by its path
// ("categories.marketing.services[1].country: expected a two-letter ISO 3166-1 country code…").
// Any problem means the SDK runs fail-closed (necessary only). This module is a lazily loaded
// chunk: the loader fetches it only when it has not yet seen this exact config pass.
import { LIMITS, matches, PATTERNS } from '../../schema/shapes.js';
import { checkTrackingConfig } from './tracking.js';
import { defaultSignals, NECESSARY } from './resolve.js';

type Map_ = Record<string, unknown>;

const isMap = (value: unknown): value is Map_ => typeof value === 'object' && value !== null && !Array.isArray(value);

// A relative policy URL is made absolute against the page's own; in Node (tests) against a stand-in.
const pageBase = () => (typeof location === 'undefined' ? 'https://clinic.example/' : location.href);
const knownFields = ['siteId', 'policy', 'categories', 'consentLifetimeDays', 'receiptEndpoint', 'languages', 'locale', 'texts', 'consentMode', 'ui', 'cookieDomain', 'tracking', 'globalPrivacyControl'];
const fields = {
  category: ['label', 'purpose', 'services'],
  service: ['id', 'name', 'thirdParty', 'country', 'purpose', 'dataSent', 'cookies', 'localStorageKeys'],
  cookie: ['name', 'domain', 'retention'],
  consentMode: ['enabled', 'signals', 'waitForUpdate'],
  ui: ['floatingButton', 'firstLayerToggles', 'theme'],
  policy: ['url', 'version'],
};

/** Every problem of `raw`, one line each naming the field; empty when the config is valid. */
export function checkConfig(raw: unknown): string[] {
  const problems: string[] = [];
  const problem = (path: string, expected: string, got: unknown) => problems.push(`${path}: expected ${expected}, got ${describe(got)}`);

  const unknownFields = (value: Map_, path: string, allowed: readonly string[]) => {
    for (const key of Object.keys(value)) {
      // Root fields are named bare ("policyVersion"), nested ones by their path ("ui.themes").
      if (!allowed.includes(key)) problems.push(`${path === 'config' ? '' : `${path}.`}${key}: unknown field (expected one of ${allowed.join(', ')})`);
    }
  };
  const object = (value: unknown, path: string, allowed: readonly string[], required = false): Map_ | null => {
    if (value === undefined && !required) return null;
    if (!isMap(value)) return problem(path, 'an object', value), null;
    unknownFields(value, path, allowed);
    return value;
  };
  const text = (value: unknown, path: string, required = false) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.trim() === '') problem(path, 'a non-empty string', value);
  };
  const localized = (value: unknown, path: string, required = false, max: number = LIMITS.text) => {
    if (value === undefined && !required) return;
    const ok = (typeof value === 'string' && value.trim() !== '') || (isMap(value) && Object.values(value).every((entry) => typeof entry === 'string'));
    if (!ok) return problem(path, 'a string, or an object of strings by language such as {"ko": "…", "en": "…"}', value);
    if ((typeof value === 'string' ? [value] : Object.values(value as Map_)).some((entry) => (entry as string).length > max)) problem(path, `at most ${max} characters in each language`, value);
  };
  const bool = (value: unknown, path: string) => {
    if (value !== undefined && typeof value !== 'boolean') problem(path, 'true or false', value);
  };
  const integer = (value: unknown, path: string, min: number, max: number) => {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) problem(path, `a whole number from ${min} to ${max}`, value);
  };
  const url = (value: unknown, path: string, required = false) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !/^(https?:\/\/[^\s/]+|\/)\S*$/i.test(value) || !URL.canParse(value, pageBase())) return problem(path, 'an http(s) URL or a path starting with /', value);
    if (new URL(value, pageBase()).href.length > LIMITS.policyUrl) problem(path, `a URL of at most ${LIMITS.policyUrl} characters`, value);
  };
  const list = (value: unknown, path: string, item: (entry: unknown, path: string) => void) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) return problem(path, 'a list', value);
    value.forEach((entry, index) => item(entry, `${path}[${index}]`));
  };

  const root = object(raw, 'config', knownFields, true);
  if (!root) return problems;
  // Receipts are hashed over RFC 8785 text, which no string with half a UTF-16 pair has.
  wellFormed(root, 'config', (path, value) => problem(path, 'text without broken characters (a lone UTF-16 surrogate)', value));

  text(root.siteId, 'siteId', true);
  if (typeof root.siteId === 'string' && root.siteId !== '' && !matches(PATTERNS.siteId, root.siteId)) {
    problem('siteId', 'the site id registered at the collector: 2 to 63 lower-case letters, digits and "-", not starting with "-"', root.siteId);
  }

  const policy = object(root.policy, 'policy', fields.policy, true);
  if (policy) {
    url(policy.url, 'policy.url', true);
    text(policy.version, 'policy.version', true);
    if (typeof policy.version === 'string' && policy.version.length > LIMITS.policyVersion) problem('policy.version', `at most ${LIMITS.policyVersion} characters`, policy.version);
  }

  const serviceIds = new Set<string>();
  const service = (value: unknown, path: string) => {
    const entry = object(value, path, fields.service, true);
    if (!entry) return;
    text(entry.id, `${path}.id`, true);
    if (typeof entry.id === 'string') {
      if (!matches(PATTERNS.serviceId, entry.id)) problem(`${path}.id`, 'up to 64 lower-case letters, digits, "-", "_" and ".", starting with a letter or digit', entry.id);
      if (serviceIds.has(entry.id)) problem(`${path}.id`, 'an id no other service uses', entry.id);
      serviceIds.add(entry.id);
    }
    localized(entry.name, `${path}.name`, true);
    localized(entry.thirdParty, `${path}.thirdParty`, false, LIMITS.thirdParty);
    localized(entry.purpose, `${path}.purpose`, false, LIMITS.purpose);
    localized(entry.dataSent, `${path}.dataSent`);
    if (entry.country !== undefined && !matches(PATTERNS.country, entry.country)) {
      problem(`${path}.country`, 'a two-letter ISO 3166-1 country code such as "KR" or "US"', entry.country);
    } else if (entry.country === undefined && entry.thirdParty !== undefined) {
      // Overseas-transfer notices (PIPA) and receipts name the recipient's country with the recipient.
      problem(`${path}.country`, 'the recipient\'s two-letter country code, required with thirdParty', entry.country);
    }
    list(entry.cookies, `${path}.cookies`, (cookie, cookiePath) => {
      const rule = object(cookie, cookiePath, fields.cookie, true);
      if (!rule) return;
      text(rule.name, `${cookiePath}.name`, true);
      text(rule.domain, `${cookiePath}.domain`);
      localized(rule.retention, `${cookiePath}.retention`);
    });
    list(entry.localStorageKeys, `${path}.localStorageKeys`, (key, keyPath) => text(key, keyPath, true));
  };

  const categories = root.categories === undefined ? {} : object(root.categories, 'categories', Object.keys(root.categories as object));
  for (const [id, value] of Object.entries(categories ?? {})) {
    const path = `categories.${id}`;
    if (!matches(PATTERNS.categoryId, id)) problem(path, 'a category id of up to 40 lower-case letters, digits, "-" and "_", starting with a letter', id);
    const category = object(value, path, fields.category, true);
    if (!category) continue;
    localized(category.label, `${path}.label`);
    localized(category.purpose, `${path}.purpose`, false, LIMITS.purpose);
    list(category.services, `${path}.services`, service);
  }
  const categoryIds = [...new Set([NECESSARY, ...Object.keys(categories ?? { analytics: 1, marketing: 1 })])];
  // A receipt holds every category and every service of one decision; the collector caps both.
  if (categoryIds.length > LIMITS.categories) problem('categories', `at most ${LIMITS.categories - 1} categories besides necessary`, categoryIds.length);
  if (serviceIds.size > LIMITS.services) problem('categories', `at most ${LIMITS.services} services in all`, serviceIds.size);

  integer(root.consentLifetimeDays, 'consentLifetimeDays', 1, 1095);
  url(root.receiptEndpoint, 'receiptEndpoint');
  list(root.languages, 'languages', (entry, path) => {
    if (!matches(PATTERNS.locale, entry, LIMITS.locale)) problem(path, 'a language code such as "ko" or "en"', entry);
  });
  if (Array.isArray(root.languages) && root.languages.length === 0) problem('languages', 'at least one language', root.languages);
  text(root.locale, 'locale');
  text(root.cookieDomain, 'cookieDomain');
  bool(root.globalPrivacyControl, 'globalPrivacyControl');

  const texts = object(root.texts, 'texts', Object.keys((root.texts as object | undefined) ?? {}));
  for (const [language, entries] of Object.entries(texts ?? {})) {
    if (!isMap(entries) || !Object.values(entries).every((entry) => typeof entry === 'string')) {
      problem(`texts.${language}`, 'an object of strings by text key', entries);
      continue;
    }
    // Texts shown are kept with receipts; a purpose text stands in for a category's purpose there.
    for (const [key, entry] of Object.entries(entries as Record<string, string>)) {
      const max = key.endsWith('Purpose') ? LIMITS.purpose : LIMITS.text;
      if (entry.length > max) problem(`texts.${language}.${key}`, `at most ${max} characters`, entry);
    }
  }

  const consentMode = object(root.consentMode, 'consentMode', fields.consentMode);
  if (consentMode) {
    bool(consentMode.enabled, 'consentMode.enabled');
    integer(consentMode.waitForUpdate, 'consentMode.waitForUpdate', 0, 10000);
    const signals = object(consentMode.signals, 'consentMode.signals', Object.keys(defaultSignals));
    for (const [signal, target] of Object.entries(signals ?? {})) {
      if (!(typeof target === 'string' && (target === 'granted' || target === 'denied' || categoryIds.includes(target)))) {
        problem(`consentMode.signals.${signal}`, `"granted", "denied" or a category id (${categoryIds.join(', ')})`, target);
      }
    }
  }

  checkTrackingConfig(root.tracking, (field, message) => problems.push(`${field}: ${message}`));

  const ui = object(root.ui, 'ui', fields.ui);
  if (ui) {
    bool(ui.floatingButton, 'ui.floatingButton');
    bool(ui.firstLayerToggles, 'ui.firstLayerToggles');
    if (ui.theme !== undefined && !['auto', 'light', 'dark'].includes(ui.theme as string)) problem('ui.theme', 'one of auto, light, dark', ui.theme);
  }
  return problems;
}

/** Reports every string in `value` (keys included) that holds a lone UTF-16 surrogate. */
function wellFormed(value: unknown, path: string, report: (path: string, value: string) => void): void {
  const broken = (text: string) => /\p{Cs}/u.test(text);
  if (typeof value === 'string' && broken(value)) report(path, value);
  if (typeof value !== 'object' || value === null) return;
  for (const [key, entry] of Object.entries(value)) {
    const next = Array.isArray(value) ? `${path}[${key}]` : `${path === 'config' ? '' : `${path}.`}${key}`;
    if (broken(key)) report(next, key);
    wellFormed(entry, next, report);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value) ?? typeof value;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
