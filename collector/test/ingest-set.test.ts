// ingest_receipt_set (migrations 020 and 032) against the one-at-a-time ingest it replaced (ingest_signed_receipts,
// migrations 004 and 007, still installed): for random batches of chains sent out of order, with forks, resends and
// changed bodies, on top of receipts stored before, both must answer alike and leave the same rows (chain status,
// body, ack, browser signature) and texts. Each side runs in a transaction that is rolled back, so both start from
// the same stored receipts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../schema/types.js';
import { generateSigner } from '../src/crypto/signer.js';
import { checkReceipt, receiptRow } from '../src/receipts.js';
import { signRows, type ReceiptRow, type WriteResult } from '../src/writer.js';
import { chain, createSiteDb, draft, seal, TEXTS, type TestDb } from './helpers.js';

let db: TestDb;
beforeAll(async () => {
  db = await createSiteDb();
});
afterAll(() => db.close());

const signer = generateSigner();

/** The rows the writer sends for these receipts, acks signed as one batch. */
function rowsOf(receipts: readonly ConsentReceiptV1[]): ReceiptRow[] {
  const now = new Date();
  return signRows(signer, receipts.map((receipt) => receiptRow(receipt, checkReceipt(receipt), now)));
}

type Answer = WriteResult & { r_index: number };

/** Runs one ingest function over the batch in a transaction that is rolled back: its answers, the rows and texts it left. */
async function attempt(fn: 'ingest_receipt_set' | 'ingest_signed_receipts', batch: readonly ReceiptRow[], consentIds: readonly string[]) {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const answers = (await client.query<Answer>(`SELECT * FROM ${fn}($1::jsonb)`, [JSON.stringify(batch)])).rows.sort((a, b) => a.r_index - b.r_index);
    const rows = (
      await client.query<{ id: string; chain_status: string }>(
        'SELECT id::text, chain_status, body, ack, device_signature FROM receipts WHERE consent_id = ANY($1) ORDER BY id',
        [consentIds],
      )
    ).rows;
    const texts = (await client.query('SELECT hash, body FROM texts ORDER BY hash')).rows;
    return { answers, rows, texts, statuses: new Map(rows.map((row) => [row.id, row.chain_status])) };
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

let run = 0;

describe('ingest_receipt_set', () => {
  it('answers and links like storing the receipts one at a time in lock order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ links: fc.integer({ min: 1, max: 4 }), forkAt: fc.option(fc.nat(3)), storedBefore: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }) }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 2 }),
        fc.nat(),
        fc.array(fc.nat(), { minLength: 0, maxLength: 2 }),
        async (consents, resends, changes, seed, withTexts) => {
          run += 1;
          const before: ConsentReceiptV1[] = [];
          const batch: ConsentReceiptV1[] = [];
          const consentIds: string[] = [];
          consents.forEach((consent, c) => {
            const consentId = `set_${run}_${c}_abcdefghijkl`;
            consentIds.push(consentId);
            const links = chain(consent.links, { consentId });
            // A second child of one link (or a second first receipt): a fork, in the batch or stored before.
            if (consent.forkAt !== null) {
              const parent = consent.forkAt === 0 ? null : (links[(consent.forkAt - 1) % links.length]?.hash ?? null);
              links.push(seal(draft({ consentId, method: 'reject-all', clientTime: '2026-11-23T10:00:00.000Z' }), parent));
            }
            links.forEach((link, i) => (consent.storedBefore[i] ? before : batch).push(link));
          });
          const sent = [...before, ...batch];
          // Resends of stored or batch receipts, and changed bodies under their ids (409s).
          for (const pick of resends) if (sent.length > 0) batch.push(sent[pick % sent.length] as ConsentReceiptV1);
          for (const pick of changes) {
            const original = sent[pick % sent.length] as ConsentReceiptV1;
            batch.push(seal(draft({ consentId: original.consentId, id: original.id, method: 'preferences', clientTime: '2026-11-23T11:00:00.000Z' }), original.prev));
          }
          // Some receipts carry the texts they were shown (the first send of a text version does).
          for (const pick of withTexts) {
            const index = pick % Math.max(1, batch.length);
            const receipt = batch[index];
            if (receipt) batch[index] = { ...receipt, texts: TEXTS };
          }
          // Out of order: a deterministic shuffle from the seed.
          let state = seed;
          const shuffled = batch
            .map((receipt) => ({ receipt, key: (state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff) }))
            .sort((a, b) => a.key - b.key)
            .map(({ receipt }) => receipt);
          if (before.length > 0) await db.pool.query('SELECT * FROM ingest_receipt_set($1::jsonb)', [JSON.stringify(rowsOf(before))]);
          if (shuffled.length === 0) return;

          const rows = rowsOf(shuffled);
          const set = await attempt('ingest_receipt_set', rows, consentIds);
          const reference = await attempt('ingest_signed_receipts', rows, consentIds);
          expect(set.statuses, 'the same chain statuses after the batch').toEqual(reference.statuses);
          expect(set.rows, 'the same rows: body, ack and browser signature as sent').toEqual(reference.rows);
          expect(set.texts, 'the same texts stored').toEqual(reference.texts);
          // Every answer alike, acks included: a collector of the previous version reads them too (a rolling restart).
          expect(set.answers.map((a) => [a.r_index, a.r_outcome, a.r_ack])).toEqual(reference.answers.map((a) => [a.r_index, a.r_outcome, a.r_ack]));
          // textsKnown: whether the collector holds the texts once the batch is stored. One at a time, a receipt
          // stored before the one of its batch that brought them answered false (the browser then sent them again).
          const held = new Set(set.texts.map((text: { hash: string }) => text.hash));
          for (const answer of set.answers) {
            const known = answer.r_outcome === 'conflict' ? null : held.has(rows[answer.r_index]?.textHash ?? '');
            expect(answer.r_texts_known, `textsKnown of answer ${answer.r_index}`).toBe(known);
          }
          set.answers.forEach((answer, i) => {
            const expected = reference.answers[i] as Answer;
            if (answer.r_outcome === 'new') expect(answer.r_status, 'a new receipt answers with its status when stored').toBe(expected.r_status);
            if (answer.r_outcome === 'duplicate') {
              expect(answer.r_status, 'a duplicate with the status after the batch').toBe(set.statuses.get(rows[answer.r_index]?.id ?? ''));
            }
          });
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
