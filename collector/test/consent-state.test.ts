// The latest decision of each consent id (consent_state, migrations 015 and 028) when receipts are stored many per
// statement: the state must be the receipt with the newest browser time, then the newest arrival, among every
// receipt of the consent id, whichever batch brought them and in whatever order, never the last one written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../schema/types.js';
import { generateSigner } from '../src/crypto/signer.js';
import { checkReceipt, receiptRow, signAck } from '../src/receipts.js';
import { createSite } from '../src/sites.js';
import { ReceiptWriter } from '../src/writer.js';
import { createTestDb, draft, seal, SITE, type TestDb } from './helpers.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
  await createSite(db.pool, { id: SITE, origins: ['https://clinic.example'] });
});
afterAll(() => db.close());

const signer = generateSigner();
const METHODS = ['accept-all', 'reject-all', 'preferences', 'withdraw'] as const;

/** Stores the receipts as one group-commit batch (all queued in the same turn, so one ingest_receipt_set call). */
async function storeTogether(receipts: readonly ConsentReceiptV1[]): Promise<void> {
  const writer = new ReceiptWriter(db.pool, 64, 1);
  const now = new Date();
  const answers = await Promise.all(receipts.map((r) => writer.write(receiptRow(r, checkReceipt(r), signAck(signer, r.id, r.hash, now), now))));
  for (const answer of answers) expect(answer.r_outcome).toBe('new');
}

/** What consent_state must hold: per consent id, its receipt with the greatest (client_time, seq). */
const EXPECTED = `SELECT DISTINCT ON (consent_id) consent_id, id::text AS receipt_id, method FROM receipts
  WHERE consent_id LIKE 'state_%' ORDER BY consent_id, client_time DESC, seq DESC`;
const ACTUAL = `SELECT consent_id, receipt_id::text AS receipt_id, method FROM consent_state WHERE consent_id LIKE 'state_%' ORDER BY consent_id`;

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
