// The consent state of this page: an EventTarget that holds the patient's record, applies the
// rules to it, persists decisions and fires `clinic-consent:change`. It knows nothing of the UI,
// the network or the blockers; they read `state` and listen.
import type { ResolvedConfig } from '../config/types.js';
import type { ChoiceStorage } from '../storage/choice-storage.js';
import { ConsentChangeEvent, type ChangeReason } from './events.js';
import { fingerprints } from './fingerprint.js';
import { randomId } from './id.js';
import { gpcRefusal, initialSnapshot, recordOf, refusalOf, snapshotOf, stricter } from './rules.js';
import type { ConsentChoice, ConsentRecord, ConsentSnapshot, DecisionMethod } from './types.js';

export interface ConsentStoreOptions {
  /** Called after a decision has been persisted, to tell other tabs. */
  readonly onPersisted?: (record: ConsentRecord) => void;
  readonly now?: () => number;
}

/** The consent state of this page; see the top of the file. */
export interface ConsentStore extends EventTarget {
  readonly config: ResolvedConfig;
  readonly state: ConsentSnapshot;
  /** The stored record, for modules (receipts) that need more than the snapshot. */
  readonly currentRecord: ConsentRecord | null;
  isGranted(category: string, service?: string): boolean;
  /** The config is valid: read the cookie synchronously, so the page is decided before anything else runs. */
  unlock(): void;
  /** Reads IndexedDB, reconciles it with the cookie (restoring whichever is missing) and applies the result. */
  load(): Promise<ConsentSnapshot>;
  /**
   * Another tab says it decided. Any same-origin script can post on the channel, so the message is
   * only a hint to re-read IndexedDB, whose record is applied if it is newer than the one held.
   */
  receive(): Promise<void>;
  decide(choice: ConsentChoice, method: DecisionMethod): Promise<ConsentSnapshot>;
  /**
   * The receipts part signs with a browser key whose consent id is derived from it: the record takes that id,
   * as a restore (the same choice, no new decision, no new receipt).
   */
  adopt(consentId: string): Promise<void>;
  /** The config is invalid: the state becomes known with nothing optional granted, for good. */
  failClosed(): void;
}

// A closure rather than a class: the minifier can shorten the names of its private state, which it
// may not do for a class's properties (about 0.1 KB of the loader).
export function createConsentStore(config: ResolvedConfig, storage: ChoiceStorage, options: ConsentStoreOptions = {}): ConsentStore {
  const prints = fingerprints(config);
  const now = options.now ?? Date.now;
  /** The browser sends Global Privacy Control and the site honours it. */
  const gpc = config.globalPrivacyControl && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  let record: ConsentRecord | null = null;
  let snapshot = initialSnapshot(config, prints, gpc);
  // Locked until the config is known to be valid: nothing is read, granted or decided before.
  let locked = true;

  const apply = (next: ConsentRecord | null, reason: ChangeReason): void => {
    const previous = snapshot;
    record = next;
    snapshot = snapshotOf(config, prints, next, now(), true, gpc);
    if (reason === 'restore' && JSON.stringify(previous) === JSON.stringify(snapshot)) return;
    store.dispatchEvent(new ConsentChangeEvent({ state: snapshot, previous, method: reason }));
  };

  const persist = async (next: ConsentRecord): Promise<void> => {
    apply(next, next.method);
    await storage.write(next);
    options.onPersisted?.(next);
  };

  const store = Object.defineProperties(new EventTarget(), {
    state: { get: () => snapshot },
    currentRecord: { get: () => record },
  }) as ConsentStore;
  return Object.assign(store, {
    config,
    isGranted(category: string, service?: string): boolean {
      return snapshot.categories[category] === true && (service === undefined || snapshot.services[service] === true);
    },
    unlock(): void {
      locked = false;
      const cookie = storage.readCookie();
      // The state is "known" once a cookie is found; without one, IndexedDB may still hold a choice.
      // A cookie another host could have set (cookie tossing) may only deny until IndexedDB confirms it.
      if (cookie) apply(cookie.verified ? cookie.record : refusalOf(config, cookie.record), 'restore');
    },
    async load(): Promise<ConsentSnapshot> {
      if (locked) return snapshot;
      const cookie = storage.readCookie();
      const { record: stored } = await storage.readDatabase();
      let found = stored;
      // IndexedDB is this origin's store of record. A newer cookie that differs (a write to IndexedDB
      // was lost) may take grants away, never add them; an older one never wins.
      if (stored && cookie && cookie.record.decidedAt >= stored.decidedAt && !storage.sameChoice(stored, cookie.record)) {
        found = stricter(stored, cookie.record);
      }
      // Without a record, only this host's own cookie, or one that grants nothing, is the patient's choice.
      if (!stored && cookie && (cookie.verified || storage.sameChoice(cookie.record, refusalOf(config, cookie.record)))) {
        found = { ...cookie.record, consentId: randomId() };
      }
      if (found && found !== stored) await storage.write(found);
      else if (found && !(cookie?.verified && storage.sameChoice(found, cookie.record))) storage.writeCookie(found);
      apply(found, 'restore');
      const refusal = gpc ? gpcRefusal(config, prints, found, found?.consentId || randomId(), now()) : null;
      if (refusal) await persist(refusal);
      return snapshot;
    },
    async receive(): Promise<void> {
      if (locked) return;
      const { record: stored } = await storage.readDatabase();
      if (stored && stored.decidedAt > (record?.decidedAt ?? -1)) apply(stored, 'sync');
    },
    async decide(choice: ConsentChoice, method: DecisionMethod): Promise<ConsentSnapshot> {
      if (locked) return snapshot;
      await persist(recordOf(config, prints, choice, method, record?.consentId || randomId(), now()));
      return snapshot;
    },
    async adopt(consentId: string): Promise<void> {
      const adopted = record && { ...record, consentId };
      apply(adopted, 'restore');
      if (adopted) await storage.write(adopted);
    },
    failClosed(): void {
      locked = true;
      apply(null, 'restore');
    },
  });
}
