// The shape check of a consent record read back from storage or another tab: a broken one is
// ignored rather than trusted. Pure; the store (store.ts) applies it to whatever storage hands over.
import { isMap } from '../config/fields.js';
import type { ConsentRecord } from './types.js';

/** Whether `value` has the shape of a ConsentRecord (format 1). */
export function isRecord(value: unknown): value is ConsentRecord {
  if (!isMap(value)) return false;
  const booleans = (map: unknown) => isMap(map) && Object.values(map).every((entry) => typeof entry === 'boolean');
  return (
    value.format === 1 &&
    typeof value.consentId === 'string' &&
    Number.isFinite(value.decidedAt) &&
    Number.isFinite(value.expiresAt) &&
    typeof value.policyVersion === 'string' &&
    typeof value.method === 'string' &&
    isMap(value.fingerprints) &&
    booleans(value.categories) &&
    booleans(value.services)
  );
}
