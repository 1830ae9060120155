/**
 * Groups concurrent receipt writes into one `ingest_receipt_set` call per transaction (group commit; migration 020
 * stores a whole batch with a fixed handful of set statements). A receipt is acknowledged only after its batch has
 * committed.
 *
 * When a batch leaves decides how much one WAL flush serves. Sending whatever is queued as soon as a transaction slot
 * frees (the first design) kept every slot busy with batches of one or two: at saturation, 6 receipts per commit; at
 * 500 requests/s, 1. Here a batch leaves at once when it is full, or when no partial batch is in flight: at low load
 * that is at once (no timer, no added latency), and under load the receipts that arrive while a partial batch
 * commits wait for it and leave together, so batches grow with the load. Requests that arrive in the same turn of
 * the event loop always leave together.
 *
 * The writer also signs the acknowledgments, one signature per batch (crypto/acks.ts): a batch is formed here, so
 * this is where one signature can cover it.
 */
import { signAcks } from './crypto/acks.js';
import type { Signer } from './crypto/signer.js';
import type { Pool } from './db/pool.js';

/** One receipt as `ingest_receipt_set` reads it from its JSON array. */
export interface ReceiptRow {
  readonly id: string;
  readonly siteId: string;
  readonly consentId: string;
  readonly hash: string;
  readonly prev: string | null;
  readonly method: string;
  readonly locale: string;
  readonly policyVersion: string;
  readonly deviceClass: string;
  readonly textHash: string;
  readonly granted: readonly string[];
  readonly denied: readonly string[];
  readonly grantedSvc: readonly string[];
  readonly deniedSvc: readonly string[];
  readonly clientTime: string;
  readonly receivedAt: string;
  readonly body: string;
  readonly ack: unknown;
  readonly texts: unknown;
  /** The browser key's signature of a version-2 receipt; null for an unsigned one. */
  readonly signature: string | null;
}

export interface WriteResult {
  readonly r_outcome: 'new' | 'duplicate' | 'conflict';
  readonly r_ack: unknown;
  readonly r_status: 'ok' | 'pending' | 'fork' | null;
  readonly r_texts_known: boolean | null;
}

/** A receipt to store, before the writer signs its ack with its batch. */
export type UnsignedRow = Omit<ReceiptRow, 'ack'>;

/** The rows of one batch with their acks, all signed by one signature (crypto/acks.ts). */
export function signRows(signer: Signer, rows: readonly UnsignedRow[]): ReceiptRow[] {
  const acks = signAcks(signer, rows.map((row) => ({ receiptId: row.id, receiptHash: row.hash, serverTime: row.receivedAt })));
  return rows.map((row, index) => ({ ...row, ack: acks[index] }));
}

interface Waiting {
  readonly row: UnsignedRow;
  resolve(result: WriteResult): void;
  reject(error: unknown): void;
}

export class ReceiptWriter {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private partialInFlight = false;
  private flushScheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly signer: Signer,
    /** Receipts per transaction at most. */
    readonly maxBatch = 64,
    /** Transactions running at once (full batches, and at most one partial batch among them). */
    readonly maxInFlight = 4,
  ) {}

  write(row: UnsignedRow): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const partial = this.queue.length < this.maxBatch;
      if (partial && this.partialInFlight) return;
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      if (partial) this.partialInFlight = true;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        if (partial) this.partialInFlight = false;
        this.flush();
      };
      void this.run(batch, release).finally(release);
    }
  }

  /** Stores a batch; `release` frees its transaction slot as soon as the database has answered (see `commit`). */
  private async run(batch: readonly Waiting[], release: () => void): Promise<void> {
    let rows: ReceiptRow[];
    try {
      rows = signRows(this.signer, batch.map(({ row }) => row));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    await this.commit(batch, rows, release);
  }

  private async commit(batch: readonly Waiting[], rows: readonly ReceiptRow[], stored?: () => void): Promise<void> {
    try {
      const results = await this.ingest(rows);
      // The next batch leaves before this one's answers are written: answering dozens of requests takes the event
      // loop a millisecond or more, time in which the database would otherwise wait.
      stored?.();
      batch.forEach((waiting, index) => {
        const result = results.get(index);
        if (result) waiting.resolve(result);
        else waiting.reject(new Error('ingest_receipt_set returned no row for a receipt'));
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One receipt the database refuses rolls back the whole transaction: retry each alone, so only it fails
      // and the other visitors' receipts are stored (issue 14). Checks before the writer should make this rare;
      // so is the other refusal, a receipt id stored meanwhile under another consent (migration 020). Each keeps
      // the ack signed with the whole batch: its path still leads to that batch's signed root.
      for (const [index, waiting] of batch.entries()) await this.commit([waiting], [rows[index] as ReceiptRow]);
    }
  }

  private async ingest(rows: readonly ReceiptRow[]): Promise<Map<number, WriteResult>> {
    const result = await this.pool.query<WriteResult & { r_index: number }>({
      name: 'ingest_receipt_set',
      text: 'SELECT * FROM ingest_receipt_set($1::jsonb)',
      values: [JSON.stringify(rows)],
    });
    return new Map(result.rows.map((row) => [row.r_index, row]));
  }
}
