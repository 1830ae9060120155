// Delivers the outbox to the collector: oldest first, one tab at a time, each entry removed only
// when the collector acknowledges it; failures back off exponentially with jitter; a hidden or
// closing page hands what is left to sendBeacon. Bodies are text/plain JSON, so no CORS preflight.
import type { Ack, ConsentReceiptV1, ReceiptResponseV1 } from '../../schema/types.js';
import { reportReceipts } from '../errors.js';
import type { OutboxEntry, ReceiptBackend, StoredReceipt } from '../storage/receipt-store.js';
import { crossTabLocks, withLock } from './locks.js';
import { post, urlFor } from './post.js';
import { notRegisteredYet } from './unregistered.js';

// sendBeacon and fetch(keepalive) share 64 KiB of bodies in flight per page (Fetch, "keepalive");
// stay a little under it, since the site's own beacons count against the same quota.
const KEEPALIVE_BUDGET = 60 * 1024;
// The collector refuses bodies over 16 KiB; a receipt with its texts attached must stay under that.
const BODY_LIMIT = 16 * 1024;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60_000;
const LEASE_MS = 30_000;
// A few requests at a time: a backlog (a reload after an offline spell) drains quickly without flooding the collector.
const CONCURRENCY = 4;

type Outcome = { kind: 'done'; answer: Pick<StoredReceipt, 'ack' | 'chainStatus' | 'rejected'> | null } | { kind: 'retry' };

export interface DeliveryOptions {
  readonly backend: ReceiptBackend;
  /** Where receipts go (`config.receiptEndpoint`); impressions and leak reports go to `impressions` and `leaks` beside it. */
  readonly endpoint: string;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Delay before attempt `attempts + 1`: doubling from 1 s up to 5 min, the upper half jittered so tabs and visitors spread out. */
export function backoff(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const isAck = (ack: Partial<Ack> | undefined, receipt: ConsentReceiptV1): ack is Ack =>
  ack?.receiptId === receipt.id && ack.receiptHash === receipt.hash && typeof ack.signature === 'string' && typeof ack.serverTime === 'string';

export class Delivery {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly owner = Math.random().toString(36).slice(2);
  /** Bodies not yet acknowledged, kept ready for a beacon when the page goes away. */
  private readonly bodies = new Map<string, { url: string; body: string }>();
  private readonly inFlight = new Set<string>();
  /** Text hashes the collector has said it knows, so their texts are not looked up again. */
  private readonly knownTexts = new Set<string>();
  private keepaliveBytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: DeliveryOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Starts following the page: flush when back online, beacon when hidden or closing. */
  listen(): void {
    addEventListener('online', () => void this.flush(true));
    addEventListener('pagehide', () => this.beacon());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.beacon();
      else void this.flush();
    });
  }

  /** Sends what is due now (or everything, when `all`); resolves when this round is over. */
  flush(all = false): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    // Never rejects: a storage failure leaves the entries where they are, for the next round.
    this.running = this.exclusive(all).catch(() => undefined).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.running;
  }

  private async exclusive(all: boolean): Promise<void> {
    if (crossTabLocks()) return withLock('cc-clinic-receipts-send', () => this.round(all));
    // No Web Locks (plain http): a lease in IndexedDB keeps a second tab from sending the same entries.
    if (!(await this.options.backend.claimLease(this.owner, this.now(), LEASE_MS))) {
      this.schedule(this.now() + LEASE_MS / 6);
      return;
    }
    try {
      await this.round(all);
    } finally {
      await this.options.backend.releaseLease(this.owner).catch(() => undefined);
    }
  }

  private async round(all: boolean): Promise<void> {
    const { backend } = this.options;
    let failures = 0;
    let pausedUntil = 0;
    const due = (await backend.outbox()).filter((entry) => all || entry.nextAt <= this.now()).sort((a, b) => a.queuedAt - b.queuedAt);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (pausedUntil === 0 && next < due.length) {
        const entry = due[next++] as OutboxEntry;
        if (!crossTabLocks()) await backend.claimLease(this.owner, this.now(), LEASE_MS);
        const outcome = await this.deliver(entry);
        if (outcome.kind === 'done') {
          await backend.settle(entry.id, outcome.answer);
          this.bodies.delete(entry.id);
          failures = 0;
          continue;
        }
        const attempts = entry.attempts + 1;
        const nextAt = this.now() + backoff(attempts, this.random);
        await backend.putOutbox({ ...entry, attempts, nextAt });
        // Offline, or three failures in a row (a collector down or unreachable): stop asking until the backoff is over.
        if (!navigator.onLine || ++failures >= 3) pausedUntil = Math.max(pausedUntil, nextAt);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const left = await backend.outbox();
    if (left.length) this.schedule(Math.max(pausedUntil, Math.min(...left.map((entry) => entry.nextAt))));
  }

  private schedule(at: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, at - this.now()));
  }

  /** The request body for an entry: a receipt carries its texts until the collector has said it knows them. */
  private async bodyOf(entry: OutboxEntry): Promise<{ url: string; body: string }> {
    const url = urlFor(entry.kind, this.options.endpoint);
    let body = JSON.stringify(entry.payload);
    const hash = (entry.payload as ConsentReceiptV1).textHash;
    if (entry.kind === 'receipt' && !this.knownTexts.has(hash)) {
      const texts = await this.options.backend.texts(hash);
      if (texts?.known) this.knownTexts.add(hash);
      const withTexts = texts && !texts.known ? JSON.stringify({ ...entry.payload, texts: texts.texts }) : body;
      if (new Blob([withTexts]).size <= BODY_LIMIT) body = withTexts;
    }
    const ready = { url, body };
    this.bodies.set(entry.id, ready);
    return ready;
  }

  /** Remembers a new entry's body at once, so a page closed before the next round can still beacon it. */
  async remember(entry: OutboxEntry): Promise<void> {
    await this.bodyOf(entry);
  }

  private async deliver(entry: OutboxEntry): Promise<Outcome> {
    const { url, body } = await this.bodyOf(entry);
    const bytes = new Blob([body]).size;
    const keepalive = this.keepaliveBytes + bytes <= KEEPALIVE_BUDGET;
    if (keepalive) this.keepaliveBytes += bytes;
    this.inFlight.add(entry.id);
    let response: Response;
    try {
      response = await post(url, body, keepalive);
    } catch {
      return { kind: 'retry' };
    } finally {
      if (keepalive) this.keepaliveBytes -= bytes;
      this.inFlight.delete(entry.id);
    }
    if (response.status === 408 || response.status === 429 || response.status >= 500) return { kind: 'retry' };
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      if (notRegisteredYet(response.status, text, entry.payload.siteId)) return { kind: 'retry' };
      const reason = `HTTP ${response.status}: ${text.slice(0, 200)}`;
      reportReceipts('CC_ERR_RECEIPT_REFUSED', `${entry.kind} ${entry.id}: ${reason}`);
      return { kind: 'done', answer: entry.kind === 'receipt' ? { rejected: reason } : null };
    }
    if (entry.kind !== 'receipt') return { kind: 'done', answer: null };
    const receipt = entry.payload as ConsentReceiptV1;
    const answer = (await response.json().catch(() => null)) as Partial<ReceiptResponseV1> | null;
    const ack = answer?.ack;
    // Only a real acknowledgment of this very receipt empties its slot (not a captive portal's 200 page).
    if (!isAck(ack, receipt)) return { kind: 'retry' };
    if (answer?.textsKnown && !this.knownTexts.has(receipt.textHash)) {
      this.knownTexts.add(receipt.textHash);
      const texts = await this.options.backend.texts(receipt.textHash);
      if (texts && !texts.known) await this.options.backend.putTexts(receipt.textHash, { ...texts, known: true });
    }
    return { kind: 'done', answer: { ack, ...(answer?.chainStatus ? { chainStatus: answer.chainStatus } : {}) } };
  }

  /** The page is going away or hidden: hand every unacknowledged body not already in flight to sendBeacon. */
  private beacon(): void {
    if (typeof navigator.sendBeacon !== 'function') return;
    let budget = KEEPALIVE_BUDGET - this.keepaliveBytes;
    for (const [id, { url, body }] of this.bodies) {
      if (this.inFlight.has(id)) continue;
      const bytes = new Blob([body]).size;
      if (bytes > budget) continue;
      if (!navigator.sendBeacon(url, body)) break;
      budget -= bytes;
    }
  }
}
