// Auto-clear: when a category stops being granted (reject, withdraw, another tab's decision), the
// cookies of its trackers are deleted on the host and every parent domain, across common paths
// (cookies.ts), and their named localStorage keys are removed.
import { clearStored } from '../cookies.js';
import type { TrackerEntry } from '../../config/tracking.js';

export function clearTrackers(entries: readonly TrackerEntry[]): void {
  clearStored(
    entries.flatMap((entry) => entry.cookies.map((name) => ({ name }))),
    entries.flatMap((entry) => entry.storage),
  );
}
