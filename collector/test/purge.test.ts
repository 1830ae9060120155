// Years of records: the retention purge removes a large backlog of expired receipts in short batches, each with its
// own signed tombstone, keeps every receipt of a consent still in force, and never makes ingest wait: receipts are
// stored while a purge batch's transaction is open, and while a whole batched purge runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/jobs/checkpoint.js';
import { exclusively } from '../src/jobs/lock.js';
import { purgeBatch, runPurge } from '../src/jobs/purge.js';
import { chain, draft, post, seal, setup, SITE } from './helpers.js';

const EXPIRED = 600;
let now = new Date('2022-03-01T10:00:00Z');
let ctx: Awaited<ReturnType<typeof setup>>;
const purgeAt = new Date('2026-03-01T00:00:00Z');
const cutoff = new Date(purgeAt.getTime() - 3 * 365 * 86_400_000);

beforeAll(async () => {
  ctx = await setup({ now: () => now });
  // A consent from 2022 renewed in 2026: still in force, so its old receipts stay.
  for (const receipt of chain(2, { consentId: 'purge_live_consent_0001' })) expect((await post(ctx.app, '/v1/receipts', receipt)).statusCode).toBe(201);
  // Expired receipts of a real chain, and a backlog written straight in SQL (as years of ingest would leave them).
  for (const receipt of chain(3, { consentId: 'purge_dead_consent_0001' })) expect((await post(ctx.app, '/v1/receipts', receipt)).statusCode).toBe(201);
  await ctx.pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), $1, 'purge_backlog_' || g, md5(g::text), NULL, 'ok', 'accept-all', 'ko', '2022-01', 'mobile', 't',
            '{analytics}', '{}', '{}', '{}', t, t, '{}', '{}'
       FROM generate_series(1, $2::int) g, LATERAL (SELECT timestamptz '2022-01-01' + g * interval '1 minute' AS t) x`,
    [SITE, EXPIRED - 3],
  );
  now = new Date('2026-02-20T10:00:00Z');
  const last = await ctx.pool.query<{ hash: string }>("SELECT hash FROM receipts WHERE consent_id = 'purge_live_consent_0001' ORDER BY seq DESC LIMIT 1");
  expect((await post(ctx.app, '/v1/receipts', seal(draft({ consentId: 'purge_live_consent_0001', method: 'preferences' }), last.rows[0]?.hash ?? null))).statusCode).toBe(201);
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

describe('a batched retention purge', () => {
  it('stores receipts while a purge batch holds its transaction open', async () => {
    const held = await exclusively(ctx.pool, 'purge', async (client) => {
      const batch = await purgeBatch(client, ctx.signer, purgeAt, cutoff, 50);
      // Meanwhile, inside the batch's open transaction: a new consent is stored, another instance's purge skips.
      const fresh = await post(ctx.app, '/v1/receipts', seal(draft({ consentId: 'purge_during_batch_0001' })));
      const other = await exclusively(ctx.pool, 'purge', async () => 'ran');
      return { removed: batch.receipts, stored: fresh.statusCode, other };
    });
    expect(held).toEqual({ removed: 50, stored: 201, other: undefined });
  });

  it('removes the whole backlog in batches with one signed tombstone each, while ingest goes on', async () => {
    const during = Array.from({ length: 30 }, (_, i) => seal(draft({ consentId: `purge_during_run_${String(i).padStart(4, '0')}` })));
    const [result, answers] = await Promise.all([
      runPurge(ctx.pool, ctx.signer, purgeAt, 3 * 365, 50),
      Promise.all(during.map((receipt) => post(ctx.app, '/v1/receipts', receipt))),
    ]);
    expect(answers.map((res) => res.statusCode)).toEqual(during.map(() => 201));
    expect(result.receipts, 'the rest of the expired receipts').toBe(EXPIRED - 50);
    expect(result.tombstoneIds).toHaveLength(Math.ceil((EXPIRED - 50) / 50));
    const sizes = await ctx.pool.query<{ n: number }>('SELECT jsonb_array_length(entries) AS n FROM tombstones');
    expect(Math.max(...sizes.rows.map((row) => row.n)), 'no tombstone larger than a batch').toBe(50);
    const left = await ctx.pool.query<{ consent_id: string }>("SELECT DISTINCT consent_id FROM receipts WHERE received_at < '2023-01-01' ORDER BY 1");
    expect(left.rows.map((row) => row.consent_id), 'the live consent keeps its old receipts').toEqual(['purge_live_consent_0001']);
    const dead = await ctx.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM tombstone_entries WHERE consent_id = 'purge_dead_consent_0001'");
    expect(dead.rows[0]?.n, 'every removed receipt has its tombstone entry').toBe(3);
    expect((await verifyLedger(ctx.pool, [ctx.signer.jwk])).ok, 'every tombstone verifies').toBe(true);
    expect((await runPurge(ctx.pool, ctx.signer, purgeAt, 3 * 365, 50)).receipts, 'nothing left to purge').toBe(0);
  });
});
