// The small necessary first-party cookie that mirrors the choice. IndexedDB cannot be read
// synchronously, so the loader reads this to decide at once, and its Domain (the registrable
// domain) shares the choice across www. and m. It holds versions, dates and grants only: no
// consent id, because a cookie travels with every request to the clinic's server.
import { DECISION_METHODS } from '../../schema/shapes.js';
import type { ResolvedConfig } from '../config/types.js';
import type { ConsentRecord } from '../consent/types.js';

export const CHOICE_COOKIE = 'cc_choice';

/** `1|decided|expires|method|policy|category:0/1:fingerprint,…|service:0/1,…` (dates in base 36). */
export function encodeChoice(record: ConsentRecord, config: ResolvedConfig): string {
  const categories = Object.entries(record.categories).map(([id, granted]) => `${id}:${+granted}:${record.fingerprints[id] ?? ''}`);
  // Services are written only where they differ from their category, to keep the cookie short.
  const services = config.categories.flatMap((category) =>
    category.services
      .filter((service) => (record.services[service.id] === true) !== (record.categories[category.id] === true))
      .map((service) => `${service.id}:${+(record.services[service.id] === true)}`),
  );
  return [1, record.decidedAt.toString(36), record.expiresAt.toString(36), DECISION_METHODS.indexOf(record.method), encodeURIComponent(record.policyVersion), categories.join(','), services.join(',')].join('|');
}

/** Parses the cookie back into a record (consent id empty), or null when it is absent or malformed. */
export function decodeChoice(value: string, config: ResolvedConfig): ConsentRecord | null {
  const [format, decided, expires, method, policy, categoryList = '', serviceList = ''] = value.split('|');
  const decidedAt = parseInt(decided ?? '', 36);
  const expiresAt = parseInt(expires ?? '', 36);
  const methodName = DECISION_METHODS[Number(method)];
  if (format !== '1' || !Number.isFinite(decidedAt) || !Number.isFinite(expiresAt) || !methodName || policy === undefined) return null;
  const categories: Record<string, boolean> = {};
  const fingerprints: Record<string, string> = {};
  for (const entry of categoryList.split(',').filter(Boolean)) {
    const [id, granted, print] = entry.split(':');
    if (!id || (granted !== '0' && granted !== '1')) return null;
    categories[id] = granted === '1';
    fingerprints[id] = print ?? '';
  }
  const overrides = new Map(serviceList.split(',').filter(Boolean).map((entry) => entry.split(':') as [string, string]));
  const services: Record<string, boolean> = {};
  for (const category of config.categories) {
    for (const service of category.services) {
      const override = overrides.get(service.id);
      services[service.id] = override === undefined ? categories[category.id] === true : override === '1';
    }
  }
  return { format: 1, consentId: '', decidedAt, expiresAt, policyVersion: decodeURIComponent(policy), fingerprints, categories, services, method: methodName };
}
