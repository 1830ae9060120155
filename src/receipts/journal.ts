// The decision journal: every decision made in this tab is written to localStorage synchronously, at
// the moment it is made, and struck out once its receipt is kept. A page that unloads before the
// receipts chunk could build the receipt (a click on "Accept all", then at once on a link) leaves the
// entry for the site's next page to build. Part of the loader: small, synchronous, never throws.
import type { Decision } from './types.js';

const KEY = 'cc-clinic-journal';

/** The decisions written down and not yet kept, oldest first. */
export function journaled(): Decision[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? (list as Decision[]) : [];
  } catch {
    return [];
  }
}

function save(list: readonly Decision[]): void {
  try {
    if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked or full: the decision still waits in this page's memory, as it always did.
  }
}

export const journal = (decision: Decision): void => save([...journaled(), decision]);
export const strike = (id: string | undefined): void => save(journaled().filter((entry) => entry.id !== id));
