// Two collector processes (the real `serve` command, each its own Node process and pool) on one PostgreSQL, under
// concurrent load: chain links posted to either process resolve to `ok`, the jobs run on both at once while receipts
// keep arriving and never fail, each finished day is checkpointed once, rollups and stats count each receipt once,
// and the ledger verifies. instances.test.ts covers the same in one process, run after run; this file proves it
// holds across processes while ingest runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../schema/types.js';
import { buildApp } from '../src/app.js';
import { loadKeys } from '../src/crypto/keys.js';
import type { Signer } from '../src/crypto/signer.js';
import { createPool } from '../src/db/pool.js';
import { verifyLedger } from '../src/jobs/checkpoint.js';
import { runJobsOnce } from '../src/jobs/scheduler.js';
import { createSite } from '../src/sites.js';
import { serveProcess, stopProcess, type Served } from './serve-process.js';
import { chain, createTestDb, ORIGIN, post, SITE, type TestDb } from './helpers.js';

/** The standalone entry `clinic-consent-collector serve` runs (the package's bin runs its build). */
const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const ADMIN_TOKEN = 'processes_admin_token_0123456789';
const DAY_MS = 86_400_000;
const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
/** Finished days before today, far enough back that every job treats them as complete at any hour. */
const PAST_DAYS = [4, 3, 2].map((back) => dayOf(Date.now() - back * DAY_MS));

/** Starts `clinic-consent-collector serve` from the sources (the standalone entry) as a process of its own. */
function serve(env: Record<string, string>): Promise<Served> {
  return serveProcess(process.execPath, ['--import', 'tsx', SERVER], { env: { ...process.env, ...env } });
}

async function send(url: string, receipt: ConsentReceiptV1): Promise<number> {
  const res = await fetch(`${url}/v1/receipts`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
    body: JSON.stringify(receipt),
  });
  await res.arrayBuffer();
  return res.status;
}

let db: TestDb;
let one: Served;
let two: Served;
let signer: Signer;
const env = (dataDir: string): Record<string, string> => ({
  DATABASE_URL: db.url,
  DATA_DIR: dataDir,
  PORT: '0',
  SITE_ORIGINS: ORIGIN,
  ADMIN_TOKEN,
  RATE_LIMIT_PER_CLIENT: '1000000',
  RATE_LIMIT_PER_CONSENT: '1000',
  LOG_LEVEL: 'warn',
});

beforeAll(async () => {
  db = await createTestDb();
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-processes-'));
  // The signing key both processes share, made first so neither races the other to create it.
  ({ signer } = loadKeys({ signingKeyFile: join(dataDir, 'signing-key.pem'), publicKeysFile: join(dataDir, 'public-keys.json') }));
  await createSite(db.pool, { id: SITE, origins: [ORIGIN] });
  // Receipts of earlier days, stored through an app whose clock says it is that day (the processes' clocks are real).
  let now = new Date();
  const seeder = await buildApp({ pool: db.pool, signer, rateLimit: false, now: () => now });
  for (const [d, day] of PAST_DAYS.entries()) {
    now = new Date(`${day}T12:00:00Z`);
    for (let c = 0; c < 5; c++) {
      for (const receipt of chain(3, { consentId: `processes_past_${d}_${c}_abcdef` })) {
        expect((await post(seeder, '/v1/receipts', receipt)).statusCode).toBe(201);
      }
    }
  }
  await seeder.close();
  // Both at once: each runs its jobs as it starts, over the same finished days.
  [one, two] = await Promise.all([serve(env(dataDir)), serve(env(dataDir))]);
}, 120_000);

afterAll(async () => {
  const codes = await Promise.all([one, two].filter(Boolean).map((running) => stopProcess(running.server)));
  expect(codes.every((code) => code === 0), 'both processes stop cleanly').toBe(true);
  await db?.close();
});

describe('two collector processes on one database, under load', () => {
  it('store every link on either process, run the jobs on both during ingest without a failure, and count once', async () => {
    const live = Array.from({ length: 24 }, (_, c) => chain(4, { siteId: SITE, consentId: `processes_live_${c}_abcdefgh` }));
    let ingesting = true;
    // Each chain alternates between the processes, children first for every other chain, all chains at once.
    const load = Promise.all(
      live.map(async (links, c) => {
        const order = c % 2 === 0 ? links : [...links].reverse();
        const statuses: number[] = [];
        for (const [i, receipt] of order.entries()) statuses.push(await send((i + c) % 2 === 0 ? one.url : two.url, receipt));
        return statuses;
      }),
    ).finally(() => (ingesting = false));
    // Meanwhile the jobs of four instances (each its own pool, as in each process) run at once, again and again, over
    // the finished days, as every process's scheduler would.
    const pools = Array.from({ length: 4 }, () => createPool(db.url, 2));
    const failures: unknown[] = [];
    let runs = 0;
    try {
      do {
        // Every run starts with the finished days undone (the rollup watermark set back before them), so all
        // instances find the same days to do at the same moment.
        await db.pool.query('TRUNCATE checkpoints, rollup_receipts, rollup_impressions');
        await db.pool.query("UPDATE job_state SET watermark = $1 WHERE name = 'rollup'", [dayOf(Date.now() - 6 * DAY_MS)]);
        const results = await Promise.allSettled(pools.map((pool) => runJobsOnce(pool, signer, 3 * 365)));
        failures.push(...results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])));
        runs += 1;
      } while (ingesting || runs < 20);
      expect((await load).flat().every((status) => status === 201), 'every receipt stored (201)').toBe(true);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    expect(failures, 'no failed job run').toEqual([]);
    expect(one.output() + two.output(), 'no failed job in either process').not.toMatch(/jobs failed/);

    const statuses = await db.pool.query<{ status: string; n: string }>('SELECT chain_status AS status, count(*)::text AS n FROM receipts GROUP BY 1');
    const seeded = PAST_DAYS.length * 5 * 3;
    expect(statuses.rows, 'links that landed on different processes all resolve').toEqual([{ status: 'ok', n: String(seeded + live.length * 4) }]);

    const checkpoints = await db.pool.query<{ day: string; n: string }>('SELECT day::text, count::text AS n FROM checkpoints ORDER BY day');
    expect(checkpoints.rows, 'each finished day checkpointed once, with all its receipts').toEqual(PAST_DAYS.map((day) => ({ day, n: '15' })));
    const rolled = await db.pool.query<{ day: string; n: string }>('SELECT day::text, sum(n)::text AS n FROM rollup_receipts GROUP BY day ORDER BY day');
    expect(rolled.rows.filter((row) => PAST_DAYS.includes(row.day)), 'each receipt rolled up once').toEqual(PAST_DAYS.map((day) => ({ day, n: '15' })));
    expect((await verifyLedger(db.pool, [signer.jwk])).ok, 'the ledger verifies').toBe(true);

    const range = `from=${dayOf(Date.now() - 5 * DAY_MS)}&to=${dayOf(Date.now() + DAY_MS)}`;
    for (const running of [one, two]) {
      const res = await fetch(`${running.url}/v1/sites/${SITE}/stats?${range}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(200);
      const report = (await res.json()) as { totals: { decisions: number } };
      expect(report.totals.decisions, 'each consent id once, whichever process answers').toBe(PAST_DAYS.length * 5 + live.length);
    }
  }, 120_000);
});
