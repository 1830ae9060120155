// Journals in localStorage, written synchronously and struck out once their entries are safe elsewhere.
// The decision journal: every decision made in this tab is written at the moment it is made and struck
// once its receipt is kept; a page that unloads before the receipts chunk could build the receipt (a
// click on "Accept all", then at once on a link) leaves the entry for the site's next page to build.
// The impression journal: a banner display the impression part (impression.ts) could not deliver, until
// the receipts chunk takes it into its outbox. Part of the loader: small, synchronous, never throws.
import type { ImpressionV1 } from '../../schema/types.js';
import type { Decision } from './types.js';

export interface Journal<T> {
  /** The entries written down and not yet struck, oldest first. */
  entries(): T[];
  add(entry: T): void;
  strike(id: string | undefined): void;
}

function journalAt<T extends { id?: string }>(key: string): Journal<T> {
  const entries = (): T[] => {
    try {
      const list: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      // Another script on the origin may have written anything here: only entries with an id are ours (the
      // next write drops the rest).
      return Array.isArray(list) ? list.filter((entry): entry is T => typeof (entry as T | null)?.id === 'string') : [];
    } catch {
      return [];
    }
  };
  const save = (list: readonly T[]): void => {
    try {
      if (list.length) localStorage.setItem(key, JSON.stringify(list));
      else localStorage.removeItem(key);
    } catch {
      // Storage blocked or full: the entry still waits in this page's memory, as it always did.
    }
  };
  return {
    entries,
    add: (entry) => save([...entries(), entry]),
    strike: (id) => save(entries().filter((entry) => entry.id !== id)),
  };
}

export const decisions = journalAt<Decision>('cc-clinic-journal');
export const impressions = journalAt<ImpressionV1>('cc-clinic-impressions');
