// Tells the site's other open tabs about a new choice. IndexedDB fires no `storage` event,
// so a BroadcastChannel carries the record itself.
import type { ConsentRecord } from '../consent/types.js';

const CHANNEL = 'cc-clinic-choice';

export interface TabSync {
  announce(record: ConsentRecord): void;
}

/** Listens for other tabs' choices; returns how to announce this tab's. Inert where BroadcastChannel is missing. */
export function connectTabs(onRecord: (record: unknown) => void): TabSync {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => undefined };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent) => onRecord(event.data);
  return { announce: (record) => channel.postMessage(record) };
}
