// Whether a configuration may skip the runtime config check. Two proofs count, both naming the config
// by one hash (of the config without its stamp, for this SDK version), so any edit of the config or
// any other SDK version makes them fail and the check run as before (fail closed):
// - a stamp written at build time by `clinic-consent check config.json --stamp` (field `checked`);
// - this browser's memory (localStorage) of the last config that passed the full check.
// Neither is a signature: both guard against a config changed since it was checked, not against a
// script that can already write the clinic's page or its storage.
import { hash } from '../consent/fingerprint.js';

const KEY = 'cc-clinic-checked';

/** The hash of `raw` for this SDK version, leaving out its stamp (which cannot be part of what it names). */
const configHash = (raw: unknown, version: string): string =>
  hash(version + JSON.stringify(raw && typeof raw == 'object' ? { ...raw, checked: undefined } : raw));

/** The `checked` value of a config that passed the check with this SDK version: "<version>:<hash>". */
export const stampFor = (raw: unknown, version: string): string => `${version}:${configHash(raw, version)}`;

/** Whether `raw` passed the check with this SDK version: stamped so at build time, or seen so in this browser. */
export function wasChecked(raw: unknown, version: string): boolean {
  const stamp = stampFor(raw, version);
  try {
    return (raw as { checked?: unknown } | null)?.checked === stamp || localStorage.getItem(KEY) === stamp;
  } catch {
    return false;
  }
}

export function rememberChecked(raw: unknown, version: string): void {
  try {
    localStorage.setItem(KEY, stampFor(raw, version));
  } catch {
    // Storage disabled: the check simply runs on every page view.
  }
}
