// Tells the site's other open tabs about a new choice. IndexedDB fires no `storage` event, so a
// BroadcastChannel carries the news; receivers re-read IndexedDB rather than trust the message.
import type { ConsentRecord } from '../consent/types.js';

const CHANNEL = 'cc-clinic-choice';

export interface TabSync {
  announce(record: ConsentRecord): void;
}

/** Listens for other tabs' news of a choice; returns how to announce this tab's. Inert where BroadcastChannel is missing. */
export function connectTabs(onNews: () => void): TabSync {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => undefined };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = onNews;
  // The record's time only: a receiver reads the record itself from IndexedDB.
  return { announce: (record) => channel.postMessage(record.decidedAt) };
}
