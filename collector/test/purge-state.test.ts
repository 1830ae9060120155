// The retention purge and each consent id's latest decision (`consent_state`, what the dashboard counts): after
// every purge batch, whatever the batch took, the state of each consent id is its newest receipt left, and a consent
// id with no receipt left has no state. Batches cut through consent ids on purpose (small batches, receipts of one
// consent id spread over time), so a batch removes a consent id's latest receipt and leaves older ones, removes
// older ones only, or removes all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigner } from '../src/crypto/signer.js';
import { transaction } from '../src/db/pool.js';
import { purgeBatch } from '../src/jobs/purge.js';
import { createSiteDb, SITE, type TestDb } from './helpers.js';

let db: TestDb;
const now = new Date('2026-12-01T10:00:00Z');

/** consent_state as it should be: the newest receipt left of each consent id (newest browser time, then arrival). */
const EXPECTED = `SELECT DISTINCT ON (site_id, consent_id) site_id, consent_id, id AS receipt_id, method, received_at
                    FROM receipts ORDER BY site_id, consent_id, client_time DESC, seq DESC`;
const ACTUAL = 'SELECT site_id, consent_id, receipt_id, method, received_at FROM consent_state ORDER BY site_id, consent_id';

beforeAll(async () => {
  db = await createSiteDb();
  // 3,000 receipts over five years, of 80 consent ids a year, each deciding several times within its year, so a
  // consent id's receipts are spread across the purge's batches; the browser time sometimes runs behind the arrival
  // by months (a late outbox send), so a consent id's newest decision is not always its last arrival.
  await db.pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), $1, 'state_purge_' || (g / 600) || '_' || (g * 7919 % 80), md5(g::text), NULL, 'ok',
            (ARRAY['accept-all','reject-all','preferences','withdraw'])[1 + g % 4], 'ko', '2022-01', 'mobile', 't',
            '{analytics}', '{}', '{}', '{}', t - (g % 3) * interval '90 days', t, '{}', '{}'
       FROM generate_series(1, 3000) g, LATERAL (SELECT $2::timestamptz - interval '5 years' + g * interval '5 years' / 3000 AS t) x`,
    [SITE, now],
  );
  await db.pool.query('ANALYZE');
});
afterAll(async () => {
  await db.close();
});

describe('consent state through a batched purge', () => {
  it('is each consent id’s newest receipt left after every batch, and gone with its last receipt', async () => {
    const before = await db.pool.query(ACTUAL);
    expect(before.rows).toEqual((await db.pool.query(EXPECTED)).rows);
    // Two years back: consent ids of the last year are in force and keep everything; the older ones go, 97 at a time.
    const signer = generateSigner();
    const cutoff = new Date(now.getTime() - 2 * 365 * 86_400_000);
    let purged = 0;
    for (;;) {
      const removed = await transaction(db.pool, (client) => purgeBatch(client, signer, now, cutoff, 97)).then((batch) => batch.receipts);
      purged += removed;
      expect((await db.pool.query(ACTUAL)).rows, `after ${purged} receipts purged`).toEqual((await db.pool.query(EXPECTED)).rows);
      if (removed < 97) break;
    }
    expect(purged, 'the purge removed receipts').toBeGreaterThan(500);
    const gone = await db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM (SELECT DISTINCT consent_id FROM tombstone_entries EXCEPT SELECT consent_id FROM receipts) x');
    expect(Number(gone.rows[0]?.n), 'some consent ids lost every receipt (and their state)').toBeGreaterThan(0);
  });
});
