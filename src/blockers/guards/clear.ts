// Auto-clear: when a category stops being granted (reject, withdraw, another tab's decision), the
// cookies of its trackers are deleted on the host and every parent domain up to the registrable
// domain, across common paths (cookies.ts), and their named localStorage keys are removed.
import { deleteCookies } from '../cookies.js';
import type { TrackerEntry } from '../tracking-config.js';
import { wildcard } from './match.js';

export function clearTrackers(entries: readonly TrackerEntry[]): void {
  deleteCookies(entries.flatMap((entry) => entry.cookies.map((name) => ({ name }))));
  const keys = entries.flatMap((entry) => entry.storage);
  if (!keys.length) return;
  try {
    const regex = new RegExp(`^(?:${keys.map(wildcard).join('|')})$`);
    for (const key of Object.keys(localStorage)) if (regex.test(key)) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was written there either.
  }
}
