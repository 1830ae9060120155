// Group commit that groups (issue 17): receipts that arrive while a batch commits leave together, so under a burst
// the transactions are far fewer than the receipts, while each receipt still gets its own stored answer. Arrivals
// are spread over turns of the event loop, as requests reaching the route are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ConsentReceiptV1 } from '../../schema/types.js';
import { verifyAck } from '../src/crypto/acks.js';
import { generateSigner } from '../src/crypto/signer.js';
import { checkReceipt, receiptRow } from '../src/receipts.js';
import { ReceiptWriter, type UnsignedRow, type WriteResult } from '../src/writer.js';
import { chain, createSiteDb, draft, seal, type TestDb } from './helpers.js';

let db: TestDb;
beforeAll(async () => {
  db = await createSiteDb();
});
afterAll(() => db.close());

const signer = generateSigner();
const rowOf = (receipt: ConsentReceiptV1): UnsignedRow => receiptRow(receipt, checkReceipt(receipt), new Date());

/**
 * Writes every receipt, one arrival per turn of the event loop, each after the work the route does for it (checks,
 * signing), as requests reach the writer; resolves with the answers in order.
 */
async function arriving(writer: ReceiptWriter, receipts: readonly ConsentReceiptV1[]): Promise<WriteResult[]> {
  const answers: Promise<WriteResult>[] = [];
  for (const receipt of receipts) {
    answers.push(writer.write(rowOf(receipt)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return Promise.all(answers);
}

/** Transactions that stored these receipts, as PostgreSQL recorded them (the inserting transaction of each row). */
async function transactionsOf(ids: readonly string[]): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(DISTINCT xmin::text)::int AS n FROM receipts WHERE id = ANY($1::uuid[])', [ids]);
  return rows[0]?.n ?? 0;
}

describe('ReceiptWriter group commit', () => {
  it('stores a burst of receipts in far fewer transactions, answering each with its own stored ack', async () => {
    const receipts = Array.from({ length: 400 }, (_, i) => seal(draft({ consentId: `burst_${String(i).padStart(4, '0')}_abcdefghij` })));
    const answers = await arriving(new ReceiptWriter(db.pool, signer), receipts);
    const transactions = await transactionsOf(receipts.map((receipt) => receipt.id));
    expect(transactions, `${transactions} transactions for ${receipts.length} receipts`).toBeLessThanOrEqual(receipts.length / 8);
    const stored = await db.pool.query<{ id: string; ack: unknown }>('SELECT id, ack FROM receipts WHERE id = ANY($1::uuid[])', [receipts.map((receipt) => receipt.id)]);
    const acks = new Map(stored.rows.map((row) => [row.id, row.ack]));
    answers.forEach((answer, i) => {
      expect(answer.r_outcome).toBe('new');
      expect(answer.r_status).toBe('ok');
      expect(answer.r_ack, 'the answer is the ack stored for this receipt').toEqual(acks.get(receipts[i]?.id ?? ''));
      expect(verifyAck(signer.jwk, answer.r_ack as Ack), 'each ack verifies alone').toBe(true);
    });
    // One signature per transaction: what the batch saves (an Ed25519 signature costs more than the rest of an ack).
    const signatures = new Set(answers.map((answer) => (answer.r_ack as Ack).signature));
    expect(signatures.size).toBe(transactions);
  });

  it('keeps every answer inside one burst: resends get the stored ack, a changed body conflicts, chains resolve', async () => {
    const links = chain(6, { consentId: 'burst_chain_abcdefghij' });
    const first = seal(draft({ consentId: 'burst_resend_abcdefghij' }));
    const changed = seal(draft({ consentId: 'burst_resend_abcdefghij', id: first.id, method: 'reject-all' }));
    const fork = seal(draft({ consentId: 'burst_chain_abcdefghij', clientTime: '2026-11-23T10:00:00.000Z' }), links[0]?.hash ?? null);
    const filler = Array.from({ length: 60 }, (_, i) => seal(draft({ consentId: `burst_filler_${i}_abcdefghij` })));
    // Children before their parents, a resend and a changed body of the same id, a second child of one parent.
    const order = [...links.slice().reverse(), first, ...filler, first, changed, fork];
    const answers = await arriving(new ReceiptWriter(db.pool, signer), order);
    const byIndex = (receipt: ConsentReceiptV1, from = 0): WriteResult | undefined => answers[order.indexOf(receipt, from)];
    // The last link arrived first: nothing to link to yet, so pending, as one receipt at a time would be.
    expect(byIndex(links.at(-1) as ConsentReceiptV1)?.r_status).toBe('pending');
    expect(byIndex(links[0] as ConsentReceiptV1)?.r_status).toBe('ok');
    // Two sends of one receipt may commit in either order (two batches can be in flight): one stores, the other
    // is told it is a duplicate, and both carry the one stored ack.
    const sends = [byIndex(first), byIndex(first, order.indexOf(first) + 1)];
    expect(sends.map((answer) => answer?.r_outcome).sort()).toEqual(['duplicate', 'new']);
    const stored = await db.pool.query<{ ack: unknown }>('SELECT ack FROM receipts WHERE id = $1', [first.id]);
    expect(sends.map((answer) => answer?.r_ack), 'a resend gets the stored ack').toEqual([stored.rows[0]?.ack, stored.rows[0]?.ack]);
    expect(byIndex(changed)?.r_outcome).toBe('conflict');
    expect(byIndex(fork)?.r_status).toBe('fork');
    const statuses = await db.pool.query<{ id: string; chain_status: string }>('SELECT id, chain_status FROM receipts WHERE consent_id = $1', ['burst_chain_abcdefghij']);
    const status = new Map(statuses.rows.map((row) => [row.id, row.chain_status]));
    expect(links.slice(2).map((link) => status.get(link.id)), 'pending links resolved once their parents arrived').toEqual(['ok', 'ok', 'ok', 'ok']);
    expect([status.get(links[1]?.id ?? ''), status.get(fork.id)], 'both children of one parent are a fork').toEqual(['fork', 'fork']);
  });

  it('writes a lone receipt at once, in a transaction of its own', async () => {
    const writer = new ReceiptWriter(db.pool, signer);
    const receipts = Array.from({ length: 5 }, (_, i) => seal(draft({ consentId: `lone_${i}_abcdefghij` })));
    for (const receipt of receipts) expect((await writer.write(rowOf(receipt))).r_outcome).toBe('new');
    expect(await transactionsOf(receipts.map((receipt) => receipt.id))).toBe(5);
  });
});

const METHODS = ['accept-all', 'reject-all', 'preferences', 'withdraw'] as const;

/** Stores the receipts as one group-commit batch (all queued in the same turn, so one ingest_receipt_set call). */
async function storeTogether(receipts: readonly ConsentReceiptV1[]): Promise<void> {
  const writer = new ReceiptWriter(db.pool, signer, 64, 1);
  const answers = await Promise.all(receipts.map((receipt) => writer.write(rowOf(receipt))));
  for (const answer of answers) expect(answer.r_outcome).toBe('new');
}

/** What consent_state must hold: per consent id, its receipt with the greatest (client_time, seq). */
const EXPECTED = `SELECT DISTINCT ON (consent_id) consent_id, id::text AS receipt_id, method FROM receipts
  WHERE consent_id LIKE 'state_%' ORDER BY consent_id, client_time DESC, seq DESC`;
const ACTUAL = `SELECT consent_id, receipt_id::text AS receipt_id, method FROM consent_state WHERE consent_id LIKE 'state_%' ORDER BY consent_id`;

// The latest decision of each consent id (consent_state, migrations 015 and 028) when receipts are stored many per
// statement: the state must be the receipt with the newest browser time, then the newest arrival, among every
// receipt of the consent id, whichever batch brought them and in whatever order, never the last one written.
describe('consent_state with many receipts per statement', () => {
  it('holds the newest decision of each consent id after batches that mix consent ids, late arrivals and equal times', async () => {
    // 12 consent ids, 5 rounds; each round is one batch holding 0-3 receipts of each id, with browser times that go
    // backwards as often as forwards (an outbox sending old receipts late), some equal (the later arrival wins).
    let state = 7;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      return state >>> 16;
    };
    for (let round = 0; round < 5; round++) {
      const batch: ConsentReceiptV1[] = [];
      for (let c = 0; c < 12; c++) {
        for (let k = next() % 4; k > 0; k--) {
          const minute = String(next() % 6).padStart(2, '0');
          batch.push(seal(draft({ consentId: `state_${String(c).padStart(2, '0')}_abcdefghijkl`, method: METHODS[next() % 4], clientTime: `2026-11-23T09:${minute}:00.000Z` })));
        }
      }
      batch.sort(() => (next() % 2 === 0 ? -1 : 1));
      await storeTogether(batch);
      const [expected, actual] = await Promise.all([db.pool.query(EXPECTED), db.pool.query(ACTUAL)]);
      expect(actual.rows, `round ${round}`).toEqual(expected.rows);
    }
  });

  it('keeps a newer stored decision when a batch brings only older receipts of that consent id', async () => {
    const consentId = 'state_late_abcdefghijkl';
    const newest = seal(draft({ consentId, method: 'withdraw', clientTime: '2026-11-23T10:00:00.000Z' }));
    await storeTogether([newest]);
    await storeTogether([
      seal(draft({ consentId, method: 'accept-all', clientTime: '2026-11-23T09:00:00.000Z' })),
      seal(draft({ consentId, method: 'preferences', clientTime: '2026-11-23T09:30:00.000Z' })),
    ]);
    const { rows } = await db.pool.query<{ receipt_id: string }>('SELECT receipt_id::text FROM consent_state WHERE consent_id = $1', [consentId]);
    expect(rows).toEqual([{ receipt_id: newest.id }]);
  });
});
