// Where consent receipts live in this browser: one IndexedDB store (through idb-keyval, as the
// choice does) holding each receipt with its acknowledgment, the chain head per consent id, the
// outbox and a send lease, plus an in-memory twin for browsers without IndexedDB. No receipt rules here.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { Ack, ConsentReceiptV1, ImpressionV1, LeakReportV1, ShownTexts } from '../../schema/types.js';
import { timed } from './timeout.js';

/** A receipt as kept locally: the receipt, its place in this browser's order, and what the collector said. */
export interface StoredReceipt {
  readonly receipt: ConsentReceiptV1;
  /** Position in its chain (1 for the first); for display order only, the chain itself is `prev`. */
  readonly seq: number;
  /** The collector's acknowledgment, exactly as received. */
  readonly ack?: Ack;
  readonly chainStatus?: 'ok' | 'pending' | 'fork';
  /** Set when the collector refused the receipt for good (a 4xx other than 408/429). */
  readonly rejected?: string;
}

/** Something waiting to be delivered: a receipt (until acknowledged), a banner impression or a leak report. */
export interface OutboxEntry {
  readonly id: string;
  readonly kind: 'receipt' | 'impression' | 'leak';
  readonly payload: ConsentReceiptV1 | ImpressionV1 | LeakReportV1;
  /** Milliseconds since the epoch when it was queued; delivery goes oldest first. */
  readonly queuedAt: number;
  readonly attempts: number;
  /** Not before this time (milliseconds since the epoch): the backoff. */
  readonly nextAt: number;
}

export interface ChainHead {
  readonly hash: string;
  readonly seq: number;
}

/** The texts behind a text hash, and whether the collector has said it knows them. */
export interface TextsEntry {
  readonly texts: ShownTexts;
  readonly known: boolean;
}

export interface ReceiptBackend {
  /** False for the in-memory twin: nothing survives the page, so nothing is retried later. */
  readonly persistent: boolean;
  head(consentId: string): Promise<ChainHead | null>;
  /**
   * Appends atomically, if the chain head of the receipt's consent id is still `expectedPrev`
   * (compare-and-swap); returns false when another tab moved it meanwhile, so the caller rebuilds.
   */
  append(stored: StoredReceipt, expectedPrev: string | null, outbox: OutboxEntry | null): Promise<boolean>;
  outbox(): Promise<OutboxEntry[]>;
  putOutbox(entry: OutboxEntry): Promise<void>;
  /**
   * Queues `entry` unless `mark` was queued on the same `day` already (a leak report: once per page and day);
   * resolves with whether it queued. Remembering and queueing are one write, so two tabs never both queue.
   */
  queueOnce(mark: string, day: string, entry: OutboxEntry): Promise<boolean>;
  /** Takes an entry out of the outbox and, for a receipt, records what the collector answered. */
  settle(id: string, answer: Pick<StoredReceipt, 'ack' | 'chainStatus' | 'rejected'> | null): Promise<void>;
  receipts(): Promise<StoredReceipt[]>;
  texts(hash: string): Promise<TextsEntry | undefined>;
  putTexts(hash: string, entry: TextsEntry): Promise<void>;
  /** The browser's signing key (receipts/device-key.ts): a non-extractable pair, stored as the CryptoKeys themselves. */
  deviceKey(): Promise<CryptoKeyPair | undefined>;
  putDeviceKey(pair: CryptoKeyPair): Promise<void>;
  /** A send lease for browsers without Web Locks: true when `owner` holds it until `now + ttl`. */
  claimLease(owner: string, now: number, ttl: number): Promise<boolean>;
  releaseLease(owner: string): Promise<void>;
}

/** The marks queueOnce() remembers, for one day. */
interface OnceRecord {
  readonly day: string;
  readonly marks: readonly string[];
}
// Marks kept per day: enough for every page a visitor sees in a day, bounded however many there are.
const MAX_MARKS = 200;

/**
 * The record after adding `mark` on `day`, or null when it is there already. A stored record of another shape
 * (an older day, or written by some other script) counts as empty: it is replaced, never trusted.
 */
export function addMark(stored: unknown, mark: string, day: string): OnceRecord | null {
  const record = stored as Partial<OnceRecord> | null | undefined;
  const marks = record?.day === day && Array.isArray(record.marks) ? record.marks.filter((kept): kept is string => typeof kept === 'string') : [];
  return marks.includes(mark) ? null : { day, marks: [...marks.slice(1 - MAX_MARKS), mark] };
}

const DATABASE = 'cc-clinic-receipts';
const STORE = 'records';
const under = (prefix: string): IDBKeyRange => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

let database: UseStore | undefined;
// Opened on first use, so a page that never decides never opens this database. Only reads are timed
// (timeout.ts): a write that outlived a time limit could still commit after the caller had moved on.
const db = (): UseStore => (database ??= createStore(DATABASE, STORE));

/** For the loader: whether anything waits in the outbox (false when IndexedDB is unusable). Never rejects. */
export function hasOutbox(): Promise<boolean> {
  // Through then(): an open that throws at once (some private modes) becomes a rejection here, not a throw.
  return timed(Promise.resolve().then(() => db()('readonly', (store) => promisifyRequest(store.count(under('o:')))))).then(
    (count) => count > 0,
    () => false,
  );
}

/** Runs `work` in one readwrite transaction and resolves when it has committed. */
function write(work: (store: IDBObjectStore) => void): Promise<void> {
  return db()('readwrite', (store) => {
    work(store);
    return promisifyRequest(store.transaction);
  }).then(() => undefined);
}

/** Reads one key, then (in the same transaction, so atomically) lets `next` write; resolves with its verdict. */
function readThenWrite<T, R>(key: string, next: (value: T | undefined, store: IDBObjectStore) => R): Promise<R> {
  return db()('readwrite', (store) => {
    let verdict: R;
    const request = store.get(key) as IDBRequest<T | undefined>;
    request.onsuccess = () => {
      verdict = next(request.result, store);
    };
    return promisifyRequest(store.transaction).then(() => verdict);
  });
}

function readRange<T>(range: IDBKeyRange): Promise<T[]> {
  return timed(db()('readonly', (store) => promisifyRequest(store.getAll(range) as IDBRequest<T[]>)));
}

/** The IndexedDB backend; its first use throws when IndexedDB is unavailable, which the caller turns into memory mode. */
export function indexedDbBackend(): ReceiptBackend {
  return {
    persistent: true,
    head: (consentId) => timed(db()('readonly', (store) => promisifyRequest(store.get(`h:${consentId}`) as IDBRequest<ChainHead | undefined>))).then((head) => head ?? null),
    append: (stored, expectedPrev, outbox) =>
      readThenWrite<ChainHead, boolean>(`h:${stored.receipt.consentId}`, (head, store) => {
        if ((head?.hash ?? null) !== expectedPrev) return false;
        // Receipt, outbox entry and head in one transaction: a receipt is never queued without being kept, nor kept unqueued.
        store.put(stored, `r:${stored.receipt.id}`);
        if (outbox) store.put(outbox, `o:${outbox.id}`);
        store.put({ hash: stored.receipt.hash, seq: stored.seq } satisfies ChainHead, `h:${stored.receipt.consentId}`);
        return true;
      }),
    outbox: () => readRange<OutboxEntry>(under('o:')),
    putOutbox: (entry) => write((store) => store.put(entry, `o:${entry.id}`)),
    queueOnce: (mark, day, entry) =>
      readThenWrite<unknown, boolean>('once', (stored, store) => {
        const next = addMark(stored, mark, day);
        if (next) {
          store.put(next, 'once');
          store.put(entry, `o:${entry.id}`);
        }
        return next !== null;
      }),
    settle: (id, answer) =>
      readThenWrite<StoredReceipt, undefined>(`r:${id}`, (stored, store) => {
        store.delete(`o:${id}`);
        if (stored && answer) store.put({ ...stored, ...answer }, `r:${id}`);
      }),
    receipts: () => readRange<StoredReceipt>(under('r:')),
    texts: (hash) => timed(db()('readonly', (store) => promisifyRequest(store.get(`t:${hash}`) as IDBRequest<TextsEntry | undefined>))),
    putTexts: (hash, entry) => write((store) => store.put(entry, `t:${hash}`)),
    deviceKey: () => timed(db()('readonly', (store) => promisifyRequest(store.get('device-key') as IDBRequest<CryptoKeyPair | undefined>))),
    putDeviceKey: (pair) => write((store) => store.put(pair, 'device-key')),
    claimLease: (owner, now, ttl) =>
      readThenWrite<{ owner: string; until: number }, boolean>('lease', (lease, store) => {
        if (lease && lease.owner !== owner && lease.until > now) return false;
        store.put({ owner, until: now + ttl }, 'lease');
        return true;
      }),
    releaseLease: (owner) =>
      readThenWrite<{ owner: string }, undefined>('lease', (lease, store) => {
        if (lease?.owner === owner) store.delete('lease');
      }),
  };
}

/** The same operations in this page's memory, for browsers where IndexedDB cannot be used. */
export function memoryBackend(): ReceiptBackend {
  const map = new Map<string, unknown>();
  const all = <T>(prefix: string) => [...map].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value as T);
  return {
    persistent: false,
    head: async (consentId) => (map.get(`h:${consentId}`) as ChainHead | undefined) ?? null,
    append: async (stored, expectedPrev, outbox) => {
      const head = map.get(`h:${stored.receipt.consentId}`) as ChainHead | undefined;
      if ((head?.hash ?? null) !== expectedPrev) return false;
      map.set(`r:${stored.receipt.id}`, stored);
      if (outbox) map.set(`o:${outbox.id}`, outbox);
      map.set(`h:${stored.receipt.consentId}`, { hash: stored.receipt.hash, seq: stored.seq });
      return true;
    },
    outbox: async () => all<OutboxEntry>('o:'),
    putOutbox: async (entry) => void map.set(`o:${entry.id}`, entry),
    queueOnce: async (mark, day, entry) => {
      const next = addMark(map.get('once'), mark, day);
      if (next) map.set('once', next).set(`o:${entry.id}`, entry);
      return next !== null;
    },
    settle: async (id, answer) => {
      map.delete(`o:${id}`);
      const stored = map.get(`r:${id}`) as StoredReceipt | undefined;
      if (stored && answer) map.set(`r:${id}`, { ...stored, ...answer });
    },
    receipts: async () => all<StoredReceipt>('r:'),
    texts: async (hash) => map.get(`t:${hash}`) as TextsEntry | undefined,
    putTexts: async (hash, entry) => void map.set(`t:${hash}`, entry),
    deviceKey: async () => map.get('device-key') as CryptoKeyPair | undefined,
    putDeviceKey: async (pair) => void map.set('device-key', pair),
    // One page, one sender: there is no other tab to share a lease with.
    claimLease: async () => true,
    releaseLease: async () => undefined,
  };
}
