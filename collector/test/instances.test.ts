// Several collector instances on one database: the jobs run on every instance at once without a failed run, each
// day is checkpointed exactly once, rollups count each receipt once, and chain links whose receipts land on
// different instances resolve to `ok`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../schema/types.js';
import { buildApp } from '../src/app.js';
import { loadKeys } from '../src/crypto/keys.js';
import { createPool, type Pool } from '../src/db/pool.js';
import { verifyLedger } from '../src/jobs/checkpoint.js';
import { runJobsOnce } from '../src/jobs/scheduler.js';
import { startCollector } from '../src/start.js';
import { chain, createTestDb, ORIGIN, post, setup, type TestDb } from './helpers.js';

let now = new Date('2026-10-01T10:00:00Z');
let a: Awaited<ReturnType<typeof setup>>;
let b: Awaited<ReturnType<typeof buildApp>>;
let poolB: Pool;
const DAYS = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'];

/** Posts each chain's receipts alternately to the two apps, children first for every other chain. */
async function postAcross(chains: ConsentReceiptV1[][]): Promise<void> {
  await Promise.all(
    chains.map(async (links, c) => {
      const order = c % 2 === 0 ? links : [...links].reverse();
      for (const [i, receipt] of order.entries()) {
        const res = await post(i % 2 === 0 ? a.app : b, '/v1/receipts', receipt);
        expect(res.statusCode).toBe(201);
      }
    }),
  );
}

async function checkpointDays(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ day: string }>('SELECT day::text FROM checkpoints ORDER BY day');
  return rows.map((row) => row.day);
}

async function rolledUp(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string | null }>('SELECT sum(n)::text AS n FROM rollup_receipts');
  return Number(rows[0]?.n ?? 0);
}

beforeAll(async () => {
  a = await setup({ now: () => now });
  poolB = createPool(a.db.url, 10);
  b = await buildApp({ pool: poolB, signer: a.signer, rateLimit: false, now: () => now });
  for (const [d, day] of DAYS.entries()) {
    now = new Date(`${day}T10:00:00Z`);
    await postAcross(Array.from({ length: 6 }, (_, c) => chain(4, { consentId: `instances_consent_${d}_${c}_abcdef` })));
  }
});
afterAll(async () => {
  await b.close();
  await a.app.close();
  await poolB.end();
  await a.db.close();
});

describe('jobs on two instances at once', () => {
  it('never fails, checkpoints each day once and rolls up each receipt once, run after run', async () => {
    const { rows } = await a.pool.query<{ status: string; n: string }>('SELECT chain_status AS status, count(*)::text AS n FROM receipts GROUP BY 1');
    expect(rows, 'links posted to different instances, children first, all resolve').toEqual([{ status: 'ok', n: String(DAYS.length * 6 * 4) }]);
    for (let run = 0; run < 12; run++) {
      await a.pool.query('TRUNCATE checkpoints, rollup_receipts, rollup_impressions, job_state');
      const at = new Date('2026-10-06T10:00:00Z');
      const results = await Promise.allSettled([
        runJobsOnce(a.pool, a.signer, 3 * 365, at),
        runJobsOnce(poolB, a.signer, 3 * 365, at),
      ]);
      expect(results.filter((r) => r.status === 'rejected'), `run ${run}: no failed job`).toEqual([]);
      expect(await checkpointDays(a.pool), `run ${run}`).toEqual(DAYS);
      expect(await rolledUp(a.pool), `run ${run}: each receipt once`).toBe(DAYS.length * 6 * 4);
      expect((await verifyLedger(a.pool, [a.signer.jwk])).ok).toBe(true);
    }
  });
});

describe('two collector processes on one database', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('take receipts of one chain on either instance, run their jobs together and agree on one ledger', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-instances-'));
    const origin = ORIGIN;
    const [one, two] = await Promise.all([
      startCollector({ port: 0, databaseUrl: db.url, dataDir, siteOrigins: [origin] }),
      startCollector({ port: 0, databaseUrl: db.url, dataDir, siteOrigins: [origin] }),
    ]);
    try {
      const chains = Array.from({ length: 8 }, (_, c) => chain(4, { siteId: one.siteId, consentId: `instances_http_${c}_abcdefgh` }));
      await Promise.all(
        chains.map(async (links, c) => {
          const order = c % 2 === 0 ? links : [...links].reverse();
          for (const [i, receipt] of order.entries()) {
            const res = await fetch(`${(i + c) % 2 === 0 ? one.url : two.url}/v1/receipts`, {
              method: 'POST',
              headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
              body: JSON.stringify(receipt),
            });
            expect(res.status).toBe(201);
          }
        }),
      );
      const total = chains.length * 4;
      const { rows } = await db.pool.query<{ status: string; n: string }>('SELECT chain_status AS status, count(*)::text AS n FROM receipts GROUP BY 1');
      expect(rows).toEqual([{ status: 'ok', n: String(total) }]);

      // Each instance's jobs, two days later (today is then a finished day), at once and many times.
      const other = createPool(db.url, 5);
      try {
        const later = new Date(Date.now() + 2 * 86_400_000);
        const { signer } = loadKeys({ signingKeyFile: join(dataDir, 'signing-key.pem'), publicKeysFile: join(dataDir, 'public-keys.json') });
        for (let run = 0; run < 5; run++) {
          const results = await Promise.allSettled([runJobsOnce(db.pool, signer, 3 * 365, later), runJobsOnce(other, signer, 3 * 365, later)]);
          expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        }
        const days = await checkpointDays(db.pool);
        expect(days.length, 'one checkpoint per day').toBe(new Set(days).size);
        expect(days).toContain(new Date().toISOString().slice(0, 10));
        expect(await rolledUp(db.pool), 'each receipt counted once').toBe(total);

        const stats = await fetch(`${one.url}/v1/sites/${one.siteId}/stats?from=${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`, {
          headers: { authorization: `Bearer ${one.adminLogin}` },
        });
        expect(stats.status).toBe(200);
        const report = (await stats.json()) as { totals: { decisions: number } };
        expect(report.totals.decisions, 'each consent id once').toBe(chains.length);
        expect((await verifyLedger(db.pool, [signer.jwk])).ok).toBe(true);
      } finally {
        await other.end();
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
