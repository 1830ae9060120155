// The small necessary first-party cookie that mirrors the choice. IndexedDB cannot be read
// synchronously, so the loader reads this to decide at once. It holds versions, dates and grants
// only: no consent id, because a cookie travels with every request to the clinic's server.
// Any host under the same registrable domain can set a cookie this page reads ("cookie tossing"),
// so only a `__Host-` cookie is this host's own; see readChoice for what the others may do.
import { DECISION_METHODS } from '../../schema/shapes.js';
import type { ResolvedConfig } from '../config/types.js';
import type { ConsentRecord } from '../consent/types.js';

export const CHOICE_COOKIE = 'cc_choice';
/**
 * Its name on a secure origin with no shared `cookieDomain`: the browser accepts a `__Host-` cookie
 * only from this very host, Secure, with Path=/ and no Domain (RFC 6265bis, "Cookie Name Prefixes").
 */
export const HOST_CHOICE_COOKIE = `__Host-${CHOICE_COOKIE}`;

/** The choice a cookie holds, and whether this host's SDK surely wrote it. */
export interface CookieChoice {
  readonly record: ConsentRecord;
  /** A `__Host-` cookie. Any other may come from a sibling subdomain: it may deny, never grant, until IndexedDB confirms it. */
  readonly verified: boolean;
}

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

/**
 * The choice in a `document.cookie` string, or null: none, malformed, or two cookies of one name
 * (a sibling's on a deeper path is listed first), which nothing can tell apart, so the patient is asked again.
 */
export function readChoice(cookies: string, config: ResolvedConfig): CookieChoice | null {
  const values = (name: string) => cookies.split(/; */).filter((pair) => pair.startsWith(`${name}=`)).map((pair) => pair.slice(name.length + 1));
  const own = values(HOST_CHOICE_COOKIE);
  // No other host can set a `__Host-` cookie, so plain ones matter only without it.
  const found = own.length ? own : values(CHOICE_COOKIE);
  if (found.length !== 1) return null;
  try {
    const record = decodeChoice(decodeURIComponent(found[0] as string), config);
    return record && { record, verified: own.length > 0 };
  } catch {
    return null;
  }
}
