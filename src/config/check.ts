// Checks a clinic's configuration and names every wrong field by its path
// ("categories.marketing.services[1].country: expected a two-letter ISO 3166-1 country code…").
// Any problem means the SDK runs fail-closed (necessary only). This module is a lazily loaded
// chunk: the loader fetches it only when it has not yet seen this exact config pass.
import { checkTrackingConfig } from '../blockers/tracking-config.js';
import { defaultSignals, NECESSARY } from './resolve.js';

type Map_ = Record<string, unknown>;

const isMap = (value: unknown): value is Map_ => typeof value === 'object' && value !== null && !Array.isArray(value);

const idPattern = /^[a-z][a-z0-9-]{0,63}$/;
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
  const localized = (value: unknown, path: string, required = false) => {
    if (value === undefined && !required) return;
    const ok = (typeof value === 'string' && value.trim() !== '') || (isMap(value) && Object.values(value).every((entry) => typeof entry === 'string'));
    if (!ok) problem(path, 'a string, or an object of strings by language such as {"ko": "…", "en": "…"}', value);
  };
  const bool = (value: unknown, path: string) => {
    if (value !== undefined && typeof value !== 'boolean') problem(path, 'true or false', value);
  };
  const integer = (value: unknown, path: string, min: number, max: number) => {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) problem(path, `a whole number from ${min} to ${max}`, value);
  };
  const url = (value: unknown, path: string, required = false) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !/^(https?:\/\/[^\s/]+|\/)\S*$/i.test(value)) problem(path, 'an http(s) URL or a path starting with /', value);
  };
  const list = (value: unknown, path: string, item: (entry: unknown, path: string) => void) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) return problem(path, 'a list', value);
    value.forEach((entry, index) => item(entry, `${path}[${index}]`));
  };

  const root = object(raw, 'config', knownFields, true);
  if (!root) return problems;

  text(root.siteId, 'siteId', true);
  if (typeof root.siteId === 'string' && root.siteId !== '' && !/^[A-Za-z0-9._-]{1,64}$/.test(root.siteId)) problem('siteId', 'letters, digits, ".", "_" or "-" (at most 64)', root.siteId);

  const policy = object(root.policy, 'policy', fields.policy, true);
  if (policy) {
    url(policy.url, 'policy.url', true);
    text(policy.version, 'policy.version', true);
  }

  const serviceIds = new Set<string>();
  const service = (value: unknown, path: string) => {
    const entry = object(value, path, fields.service, true);
    if (!entry) return;
    text(entry.id, `${path}.id`, true);
    if (typeof entry.id === 'string') {
      if (!idPattern.test(entry.id)) problem(`${path}.id`, 'lower-case letters, digits and "-", starting with a letter', entry.id);
      if (serviceIds.has(entry.id)) problem(`${path}.id`, 'an id no other service uses', entry.id);
      serviceIds.add(entry.id);
    }
    localized(entry.name, `${path}.name`, true);
    for (const key of ['thirdParty', 'purpose', 'dataSent'] as const) localized(entry[key], `${path}.${key}`);
    if (entry.country !== undefined && !(typeof entry.country === 'string' && /^[A-Z]{2}$/.test(entry.country))) {
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

  const categories = root.categories === undefined ? {} : object(root.categories, 'categories', Object.keys(Object(root.categories)));
  for (const [id, value] of Object.entries(categories ?? {})) {
    const path = `categories.${id}`;
    if (!idPattern.test(id)) problem(path, 'a category id of lower-case letters, digits and "-"', id);
    const category = object(value, path, fields.category, true);
    if (!category) continue;
    localized(category.label, `${path}.label`);
    localized(category.purpose, `${path}.purpose`);
    list(category.services, `${path}.services`, service);
  }
  const categoryIds = [NECESSARY, ...Object.keys(categories ?? { analytics: 1, marketing: 1 })];

  integer(root.consentLifetimeDays, 'consentLifetimeDays', 1, 1095);
  url(root.receiptEndpoint, 'receiptEndpoint');
  list(root.languages, 'languages', (entry, path) => {
    if (typeof entry !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(entry)) problem(path, 'a language code such as "ko" or "en"', entry);
  });
  if (Array.isArray(root.languages) && root.languages.length === 0) problem('languages', 'at least one language', root.languages);
  text(root.locale, 'locale');
  text(root.cookieDomain, 'cookieDomain');
  bool(root.globalPrivacyControl, 'globalPrivacyControl');

  const texts = object(root.texts, 'texts', Object.keys((root.texts as object | undefined) ?? {}));
  for (const [language, entries] of Object.entries(texts ?? {})) {
    if (!isMap(entries) || !Object.values(entries).every((entry) => typeof entry === 'string')) problem(`texts.${language}`, 'an object of strings by text key', entries);
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

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value) ?? typeof value;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
