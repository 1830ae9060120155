// The consent rules as pure functions: what a stored record means under the current config
// (expiry, changed items, changed policy), how a choice becomes a record, and which of two
// disagreeing records wins. No storage, DOM or network here, so every rule is unit-tested.
import type { ResolvedConfig } from '../config/types.js';
import { consentVersion } from './fingerprint.js';
import type { ConsentChoice, ConsentRecord, ConsentSnapshot, DecisionMethod } from './types.js';

const DAY = 86_400_000;
/** The category Global Privacy Control refuses. */
export const GPC_CATEGORY = 'marketing';

/** The state before anything is known: nothing optional granted, nothing decided. */
export function initialSnapshot(config: ResolvedConfig, prints: Readonly<Record<string, string>>, gpc: boolean): ConsentSnapshot {
  return snapshotOf(config, prints, null, 0, false, gpc);
}

/** Applies a stored record (or none) to the current config at time `now`. */
export function snapshotOf(
  config: ResolvedConfig,
  prints: Readonly<Record<string, string>>,
  record: ConsentRecord | null,
  now: number,
  known: boolean,
  gpc: boolean,
): ConsentSnapshot {
  const expiresAt = record ? Math.min(record.expiresAt, record.decidedAt + config.consentLifetimeDays * DAY) : null;
  const expired = expiresAt !== null && expiresAt <= now;
  const live = record && !expired ? record : null;
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  const pending: string[] = [];
  for (const category of config.categories) {
    const unchanged = live !== null && live.fingerprints[category.id] === prints[category.id] && category.id in live.categories;
    if (!category.required && !unchanged) pending.push(category.id);
    const granted = category.required || (unchanged && live.categories[category.id] === true);
    categories[category.id] = granted;
    for (const service of category.services) services[service.id] = granted && (category.required || live?.services[service.id] === true);
  }
  return {
    consentId: record?.consentId ?? null,
    known,
    decided: live !== null && pending.length === 0,
    decidedAt: record?.decidedAt ?? null,
    expiresAt,
    method: record?.method ?? null,
    policyVersion: config.policy.version,
    policyChanged: live !== null && live.policyVersion !== config.policy.version,
    consentVersion: consentVersion(prints),
    pending,
    expired,
    categories,
    services,
    gpc,
  };
}

/**
 * Turns a choice into a record. A service is granted when the choice lists it, or when its
 * category is listed and the choice names none of that category's services; a category is
 * granted when listed or when any of its services is.
 */
export function recordOf(
  config: ResolvedConfig,
  prints: Readonly<Record<string, string>>,
  choice: ConsentChoice,
  method: DecisionMethod,
  consentId: string,
  now: number,
): ConsentRecord {
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const category of config.categories) {
    const listed = category.required || (choice.categories ?? []).includes(category.id);
    const picked = category.services.filter((service) => (choice.services ?? []).includes(service.id));
    for (const service of category.services) {
      services[service.id] = category.required || (picked.length ? picked.includes(service) : listed);
    }
    categories[category.id] = listed || picked.length > 0;
  }
  return {
    format: 1,
    consentId,
    decidedAt: now,
    expiresAt: now + config.consentLifetimeDays * DAY,
    policyVersion: config.policy.version,
    fingerprints: { ...prints },
    categories,
    services,
    method,
  };
}

/** Every category and service of the config: "Accept all". Under Global Privacy Control, all but marketing. */
export function everything(config: ResolvedConfig, gpc = false): ConsentChoice {
  const included = config.categories.filter((category) => !(gpc && category.id === GPC_CATEGORY));
  return {
    categories: included.map((category) => category.id),
    services: included.flatMap((category) => category.services.map((service) => service.id)),
  };
}

/**
 * The refusal Global Privacy Control records: marketing denied, every other decision kept as it was
 * (undecided ones stay to be asked). Null when marketing already has a current decision, which an
 * explicit choice of the patient may have made either way.
 */
export function gpcRefusal(
  config: ResolvedConfig,
  prints: Readonly<Record<string, string>>,
  record: ConsentRecord | null,
  consentId: string,
  now: number,
): ConsentRecord | null {
  const marketing = config.categories.find((category) => category.id === GPC_CATEGORY);
  if (!marketing) return null;
  const live = record && record.expiresAt > now ? record : null;
  if (live && GPC_CATEGORY in live.categories && live.fingerprints[GPC_CATEGORY] === prints[GPC_CATEGORY]) return null;
  const services = { ...live?.services };
  for (const service of marketing.services) services[service.id] = false;
  return {
    format: 1,
    consentId,
    decidedAt: now,
    expiresAt: live?.expiresAt ?? now + config.consentLifetimeDays * DAY,
    policyVersion: live?.policyVersion ?? config.policy.version,
    fingerprints: { ...live?.fingerprints, necessary: prints.necessary ?? '', [GPC_CATEGORY]: prints[GPC_CATEGORY] ?? '' },
    categories: { ...live?.categories, necessary: true, [GPC_CATEGORY]: false },
    services,
    method: 'gpc',
  };
}

/**
 * Reconciles two records that should be the same (the IndexedDB record and the cookie):
 * the newer one's versions and dates, with every grant that the other one denies taken away.
 */
export function stricter(a: ConsentRecord, b: ConsentRecord): ConsentRecord {
  const [newer, older] = a.decidedAt >= b.decidedAt ? [a, b] : [b, a];
  const both = (mine: Readonly<Record<string, boolean>>, theirs: Readonly<Record<string, boolean>>) =>
    Object.fromEntries(Object.entries(mine).map(([id, granted]) => [id, granted && theirs[id] !== false]));
  return {
    ...newer,
    // The cookie does not carry the consent id (it travels with every request); keep the real one.
    consentId: a.consentId || b.consentId,
    expiresAt: Math.min(a.expiresAt, b.expiresAt),
    categories: both(newer.categories, older.categories),
    services: both(newer.services, older.services),
  };
}

/** `record` with every optional category and service refused: all a cookie that may not grant can say. */
export function refusalOf(config: ResolvedConfig, record: ConsentRecord): ConsentRecord {
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const category of config.categories) {
    categories[category.id] = category.required;
    for (const service of category.services) services[service.id] = category.required;
  }
  return { ...record, categories, services };
}
