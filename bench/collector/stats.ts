/**
 * The 90-day stats over 10 million receipts, timed on a data set built once and kept
 * (`npm run bench:collector-stats`; not part of `npm test`). The first run builds the set in
 * `BENCH_STATS_DIR` (default `data/bench-stats`, several GB) in SQL: one site, 10 M receipts over 90 days, consent
 * ids deciding 1.5 times on average, 1.25 banner views per decision, rolled up and analyzed; later runs only time.
 * It prints the median of 7 runs of the stats query and of the overview, and the load average.
 * Run it on a quiet machine: the number means nothing while other work shares the cores.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { startEmbedded } from '../../collector/src/db/embedded.js';
import { migrate } from '../../collector/src/db/migrate.js';
import { createPool, type Pool } from '../../collector/src/db/pool.js';
import { runRollup } from '../../collector/src/jobs/rollup.js';
import { queryOverview } from '../../collector/src/stats/overview.js';
import { queryStats } from '../../collector/src/stats/query.js';

const RECEIPTS = Number(process.env['BENCH_STATS_RECEIPTS'] ?? 10_000_000);
const DIR = resolve(process.env['BENCH_STATS_DIR'] ?? 'data/bench-stats');
const SITE = 'bench-stats-clinic';
const DB = `bench_stats_${RECEIPTS}`;

interface DataSet {
  readonly first: string;
  readonly last: string;
}

/** The data set's database and its days, or `set: undefined` (a new, empty database) when none was completed. */
async function openDataSet(base: string): Promise<{ pool: Pool; set: DataSet | undefined }> {
  const url = base.replace(/\/postgres$/, `/${DB}`);
  const probe = new pg.Client({ connectionString: url });
  const set = await probe
    .connect()
    .then(() => probe.query<{ first: string; last: string }>('SELECT first::text, last::text FROM bench_meta LIMIT 1'))
    .then((result) => result.rows[0])
    .catch(() => undefined)
    .finally(() => probe.end().catch(() => undefined));
  if (!set) {
    // Missing or left half-built by an interrupted run: start again from an empty database.
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
  }
  const pool = createPool(url, 4);
  await migrate(pool);
  return { pool, set };
}

/** Builds the data set once: receipts through the consent_state trigger, as ingest would leave them. */
async function build(pool: Pool): Promise<DataSet> {
  const last = new Date();
  const first = new Date(last.getTime() - 89 * 86_400_000);
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_meta (first date NOT NULL, last date NOT NULL, built_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query(`INSERT INTO sites (id, name, time_zone) VALUES ($1, 'Bench stats clinic', 'Asia/Seoul') ON CONFLICT DO NOTHING`, [SITE]);
  const started = performance.now();
  await pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), $1, 'bench_' || (g % ($2 * 2 / 3)), md5(g::text), NULL, 'ok', m.method,
            (ARRAY['ko','ko','en','ja','zh'])[1 + g % 5], (ARRAY['2025-06','2026-01'])[1 + (g / 11) % 2], (ARRAY['mobile','mobile','desktop','tablet'])[1 + (g / 5) % 4], 't',
            m.granted, '{}', '{}', '{}', t, t, '{}', '{}'
       FROM generate_series(1, $2::bigint) g
       CROSS JOIN LATERAL (SELECT $3::timestamptz + (g * ($4::timestamptz - $3::timestamptz) / $2) AS t) x
       CROSS JOIN LATERAL (SELECT (ARRAY['accept-all','accept-all','reject-all','preferences','gpc','withdraw'])[1 + g % 6] AS method,
                                  CASE WHEN g % 6 IN (0, 1) THEN '{analytics,marketing}'::text[] WHEN g % 6 = 3 THEN '{analytics}' ELSE '{}' END AS granted) m`,
    [SITE, RECEIPTS, first, last],
  );
  await pool.query(
    `INSERT INTO impressions (id, site_id, day, locale, policy_version, sdk_version, device_class, received_at)
     SELECT gen_random_uuid(), $1, t::date, (ARRAY['ko','ko','en','ja','zh'])[1 + g % 5], '2026-01', '0.1.0', 'mobile', t
       FROM generate_series(1, $2::bigint) g CROSS JOIN LATERAL (SELECT $3::timestamptz + (g * ($4::timestamptz - $3::timestamptz) / $2) AS t) x`,
    [SITE, Math.round(RECEIPTS * 1.25), first, last],
  );
  await runRollup(pool, last);
  await pool.query('VACUUM ANALYZE');
  const set = { first: first.toISOString().slice(0, 10), last: last.toISOString().slice(0, 10) };
  await pool.query('INSERT INTO bench_meta (first, last) VALUES ($1, $2)', [set.first, set.last]);
  console.log(`built ${RECEIPTS.toLocaleString('en')} receipts in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return set;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  await work();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const cluster = await startEmbedded({ dataDir: DIR, notice: (line) => console.log(line) });
  try {
    const opened = await openDataSet(cluster.url);
    const { pool } = opened;
    try {
      const set = opened.set ?? (await build(pool));
      const load = loadavg()[0]?.toFixed(1);
      const stats = await timed(7, () => queryStats(pool, { siteId: SITE, from: set.first, to: set.last }));
      const overview = await timed(7, () => queryOverview(pool, [SITE], set.first, set.last));
      const median = (times: number[]): string => `${(times[Math.floor(times.length / 2)] ?? Number.NaN).toFixed(1)} ms`;
      console.log(`data set ${set.first} – ${set.last}, ${RECEIPTS.toLocaleString('en')} receipts; load average (1 min) ${load} before timing`);
      console.log(`90-day stats: median ${median(stats)}, max ${(stats.at(-1) ?? 0).toFixed(1)} ms over 7 runs (goal < 300 ms)`);
      console.log(`overview of the site, same 90 days: median ${median(overview)}`);
    } finally {
      await pool.end();
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
