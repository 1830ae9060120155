// A retention purge of millions of receipts goes in thousands of batches, so each batch must cost in proportion to
// the batch, never to the table: every statement a purge batch sends is EXPLAINed on an analyzed table and none may
// read a big table by a sequential scan, nor may the statements its triggers run, as PostgreSQL executed them
// (auto_explain). Regressions: the batch's DELETE joined its chosen ids to `receipts` by a hash join over a
// sequential scan of the whole table, about a second per batch at 10 M receipts; the consent-state trigger
// (migration 031) hashed the batch against all of consent_state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigner } from '../src/crypto/signer.js';
import { purgeBatch } from '../src/jobs/purge.js';
import { createSiteDb, SITE, type TestDb } from './helpers.js';
import { planOf, recording, seqScans, type PlanNode } from './plan-check.js';

const RECEIPTS = 40_000;
const BIG_TABLES = ['receipts', 'consent_state', 'impressions', 'tombstone_entries'];
let db: TestDb;
const now = new Date('2026-12-01T10:00:00Z');
const cutoff = new Date(now.getTime() - 3 * 365 * 86_400_000);

beforeAll(async () => {
  db = await createSiteDb();
  // Four years of receipts, the older half expired; one consent id in fifty renewed lately (so still in force).
  await db.pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), $1, 'plan_purge_' || (g % ($2 * 2 / 3)), md5(g::text), NULL, 'ok', 'accept-all', 'ko', '2022-01', 'mobile', 't',
            '{analytics}', '{}', '{}', '{}', t, t, '{}', '{}'
       FROM generate_series(1, $2::int) g, LATERAL (SELECT $3::timestamptz - (g * interval '4 years' / $2) AS t) x`,
    [SITE, RECEIPTS, now],
  );
  await db.pool.query(
    `INSERT INTO impressions (id, site_id, day, locale, policy_version, sdk_version, device_class, received_at)
     SELECT gen_random_uuid(), $1, t::date, 'ko', '2026-01', '0.1.0', 'mobile', t
       FROM generate_series(1, $2::int) g, LATERAL (SELECT $3::timestamptz - (g * interval '4 years' / $2) AS t) x`,
    [SITE, RECEIPTS, now],
  );
  await db.pool.query('ANALYZE');
});
afterAll(async () => {
  await db.close();
});

describe('a retention purge batch on a big table', () => {
  it('reads no big table by a sequential scan', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // Every statement the batch runs, triggers' included, as executed: auto_explain sends each plan as a message.
      const executed: PlanNode[] = [];
      client.on('notice', (notice) => {
        const json = notice.message?.replace(/^duration: [\d.]+ ms\s+plan:\s*/, '');
        if (json?.startsWith('{')) executed.push((JSON.parse(json) as { Plan: PlanNode }).Plan);
      });
      await client.query("LOAD 'auto_explain'");
      for (const setting of ['log_min_duration = 0', 'log_nested_statements = on', 'log_format = json', 'log_level = notice']) await client.query(`SET LOCAL auto_explain.${setting}`);
      const { pool, statements } = recording(client);
      const batch = await purgeBatch(pool, generateSigner(), now, cutoff, 1000);
      expect(batch.receipts, 'the batch removed a full batch').toBe(1000);
      expect(statements.length).toBeGreaterThanOrEqual(4);
      for (const { text, values } of statements) expect(seqScans(await planOf(client, text, values), BIG_TABLES), `sequential scans in:\n${text}`).toEqual([]);
      expect(executed.length, 'the trigger statements were seen').toBeGreaterThan(statements.length);
      expect(executed.flatMap((plan) => seqScans(plan, BIG_TABLES)), 'sequential scans as executed, triggers included').toEqual([]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
