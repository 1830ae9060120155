/**
 * Collector benchmark (`npm run bench:collector`; not part of `npm test`): ingest throughput and latency over real
 * HTTP against the embedded PostgreSQL (500 requests/s open loop, then maximum at fixed concurrency, by one collector
 * process and by BENCH_WORKERS processes sharing a port as `WORKERS` runs them) into a prebuilt
 * realistic table, PostgreSQL's own rate for the same rows beside ours (ceiling.ts), the rollup
 * build for 1 million receipts, and on a 10-million-receipt data set built once (stats-set.ts) the incremental rollup
 * of one day's new receipts and the 90-day stats query including the last day's raw rows. Writes
 * bench/collector/RESULTS.md. Sizes can be lowered with BENCH_ROLLUP_RECEIPTS / BENCH_STATS_RECEIPTS /
 * BENCH_INGEST_TABLE / BENCH_CEILING_RECEIPTS; the cluster, with its prebuilt data sets, is kept in BENCH_DATA_DIR
 * (default `data/bench-collector`, git-ignored; the stats set takes several GB and a long first build).
 * BENCH_ONLY=ingest runs the ingest phases alone (HTTP, the INSERT ceiling, the stage profile), for trying a change.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../collector/src/app.js';
import { generateSigner } from '../../collector/src/crypto/signer.js';
import { measureCeiling } from './ceiling.js';
import { databaseUrlOf, ingestDatabase } from './dataset.js';
import { profileStages } from './profile.js';
import { BENCH_ORIGIN, BENCH_RATE_LIMITS } from './bodies.js';
import { startEmbedded } from '../../collector/src/db/embedded.js';
import { migrate } from '../../collector/src/db/migrate.js';
import { createPool, type Pool } from '../../collector/src/db/pool.js';
import { rollupDay, runRollup } from '../../collector/src/jobs/rollup.js';
import { queryStats } from '../../collector/src/stats/query.js';
import { createSite } from '../../collector/src/sites.js';
import { startWorkers } from '../../collector/src/workers.js';
import { nextDay, openStatsSet, STATS_SITE, withoutChangeLog } from './stats-set.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const ROLLUP_RECEIPTS = env('BENCH_ROLLUP_RECEIPTS', 1_000_000);
const STATS_RECEIPTS = env('BENCH_STATS_RECEIPTS', 10_000_000);
const RATE = env('BENCH_RATE', 500);
const RATE_SECONDS = env('BENCH_RATE_SECONDS', 20);
const MAX_SECONDS = env('BENCH_MAX_SECONDS', 15);
const CONCURRENCY = env('BENCH_CONCURRENCY', 64);
/** The closed loops' client counts: one process runs each, `WORKERS` processes the two larger, signed runs the largest. */
const LEVELS = [CONCURRENCY, 2 * CONCURRENCY, 4 * CONCURRENCY] as const;
const TOP_LEVEL = LEVELS[2];
/** Bodies of a signed run (each with its own key): more than 15 s at the signed rate stores, fewer than 200,000. */
const SIGNED_RECEIPTS = env('BENCH_SIGNED_RECEIPTS', 45_000);
/** Collector processes of the multi-process run (`WORKERS`), which runs at the two larger LEVELS. */
const WORKERS = env('BENCH_WORKERS', 2);
const INGEST_TABLE = env('BENCH_INGEST_TABLE', 1_000_000);
/**
 * Rows per path of PostgreSQL's own rate (ceiling.ts): about what a closed-loop run stores in its 15 s, so both are
 * sustained rates. 20,000 rows (the first choice) took 3 s, a burst: 15-20 % faster than 60,000 back to back.
 */
const CEILING_RECEIPTS = env('BENCH_CEILING_RECEIPTS', 60_000);
/** The bench cluster's settings, beside PostgreSQL's defaults (durability untouched: fsync and synchronous_commit on). */
const BENCH_POSTGRES_SETTINGS = { shared_buffers: '1GB' };

const results: string[] = [];
const profile: string[] = [];
const log = (line: string): void => {
  console.log(line);
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

interface LoadResult {
  latencies: number[];
  statuses: Record<string, number>;
  elapsedMs: number;
  /** CPU seconds used meanwhile by the collector process, by all PostgreSQL processes and by the load generator. */
  loadCpu: number;
  serverCpu: number;
  dbCpu: number;
}

/** Clock ticks to seconds: /proc reports CPU time in USER_HZ, 100 on Linux. */
const TICKS = 100;

/** The fields of /proc/<pid>/stat after "pid (comm) ", or undefined for a process that is gone. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds of the postmaster and its backends (live ones, plus exited ones via cutime/cstime). */
function postgresCpu(postmaster: number): number {
  // After "pid (comm) ": state ppid ... utime(idx 11) stime(12) cutime(13) cstime(14).
  const backends = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && Number(statFields(entry)?.[1]) === postmaster);
  return processCpu([postmaster], true) + processCpu(backends.map(Number));
}

/** CPU seconds of the processes `pids` (live ones; with `children`, their exited children too), from /proc. */
function processCpu(pids: readonly number[], children = false): number {
  let ticks = 0;
  for (const pid of pids) {
    const f = statFields(pid);
    if (f) ticks += Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
  }
  return ticks / TICKS;
}

/** CPU seconds of this process. */
const ownCpu = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};

/**
 * Runs the load generator in its own process; measures the collector's CPU (`collectorCpu`, seconds: this process,
 * or it and its workers) and PostgreSQL's meanwhile.
 */
function runLoad(job: Record<string, unknown>, postmaster: number, collectorCpu: () => number = ownCpu): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The job goes as an argument: a message sent before the child has loaded (tsx compiles it first) and listens is
    // dropped, which once left a run waiting forever.
    const child = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), [JSON.stringify(job)], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
    let cpuBefore = 0;
    let dbBefore = 0;
    child.on('message', (message: { ready?: boolean } & Omit<LoadResult, 'serverCpu' | 'dbCpu'>) => {
      if (message.ready) {
        cpuBefore = collectorCpu();
        dbBefore = postgresCpu(postmaster);
        child.send('go');
        return;
      }
      resolve({ ...message, serverCpu: collectorCpu() - cpuBefore, dbCpu: postgresCpu(postmaster) - dbBefore });
    });
    child.once('error', reject);
    // A generator that dies without its answer fails the run instead of leaving it waiting. On 'close', not 'exit':
    // only then has the IPC channel delivered every message the child sent.
    child.once('close', (code) => reject(new Error(`the load generator (${String(job['tag'])}) exited with code ${code} before answering`)));
  });
}

const load1 = (): string => (loadavg()[0] ?? 0).toFixed(1);

const listenUrl = (app: FastifyInstance): string => {
  const address = app.server.address();
  return `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
};

/** One closed-loop run at `concurrency`: its table rows; returns its rate and CPU per receipt. */
async function closedLoop(
  pool: Pool,
  url: string,
  { concurrency, processes, tag, signed = false }: { concurrency: number; processes: string; tag: string; signed?: boolean },
  postmaster: number,
  collectorCpu?: () => number,
): Promise<{ rate: number; collectorMs: number; dbMs: number }> {
  const from = new Date();
  // Signed bodies each need a key of their own (made before the clock starts): only as many as a run can use.
  const count = signed ? SIGNED_RECEIPTS : 200_000;
  const max = await runLoad({ url, mode: 'max', seconds: MAX_SECONDS, concurrency, count, tag, signed }, postmaster, collectorCpu);
  const maxSorted = [...max.latencies].sort((a, b) => a - b);
  const ok = (max.statuses['201'] ?? 0) + (max.statuses['200'] ?? 0);
  const rate = ok / (max.elapsedMs / 1000);
  const collectorMs = (max.serverCpu / Math.max(1, ok)) * 1000;
  const dbMs = (max.dbCpu / Math.max(1, ok)) * 1000;
  const cpuPerReceipt = collectorMs + dbMs;
  // Group commit at work: how many receipts each of the run's transactions stored.
  const commits = await pool.query<{ n: number }>("SELECT count(DISTINCT xmin::text)::int AS n FROM receipts WHERE site_id = 'bench-clinic' AND received_at >= $1 AND received_at < $2", [from, new Date()]);
  if (max.statuses['200']) throw new Error(`the ${tag} run resent receipts (${max.statuses['200']} duplicates): more bodies are needed`);
  const perCommit = ok / Math.max(1, commits.rows[0]?.n ?? 0);
  const kind = signed ? ', version-2 receipts (signed in the browser, as the SDK sends them)' : '';
  log(`ingest max, ${processes}${kind}, ${concurrency} concurrent: ${rate.toFixed(0)}/s ${JSON.stringify(max.statuses)} p99 ${ms(percentile(maxSorted, 99))}; CPU/receipt ${cpuPerReceipt.toFixed(3)} ms (collector ${collectorMs.toFixed(3)}, PostgreSQL ${dbMs.toFixed(3)}); ${perCommit.toFixed(1)} receipts per transaction`);
  results.push(
    `| Ingest, closed loop, ${processes}${kind}, ${concurrency} concurrent for ${MAX_SECONDS} s | **${rate.toFixed(0)} receipts/s** stored and acknowledged in transactions of ${perCommit.toFixed(1)} receipts on average, statuses ${JSON.stringify(max.statuses)}; latency p50 ${ms(percentile(maxSorted, 50))}, p99 ${ms(percentile(maxSorted, 99))}; load generator CPU ${((max.loadCpu / Math.max(1, ok)) * 1000).toFixed(3)} ms per receipt; load average ${load1()} | ≥ 3,000/s |`,
    `| CPU cost per stored receipt in that run (load-independent) | collector ${collectorMs.toFixed(3)} ms + PostgreSQL ${dbMs.toFixed(3)} ms = **${cpuPerReceipt.toFixed(3)} ms**; two idle cores would allow about ${(2000 / cpuPerReceipt).toFixed(0)} receipts/s before disk flushes (an estimate, not a measurement) | – |`,
  );
  return { rate, collectorMs, dbMs };
}

async function ingest(pool: Pool, postmaster: number, databaseUrl: string): Promise<void> {
  const app = await buildApp({ pool, signer: generateSigner(), rateLimit: BENCH_RATE_LIMITS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = listenUrl(app);
  // Warm-up: JIT, connection pool, plan caches.
  await runLoad({ url, mode: 'max', seconds: 3, concurrency: 16, count: 5000, tag: 'warm' }, postmaster);

  const fixed = await runLoad({ url, mode: 'rate', rate: RATE, seconds: RATE_SECONDS, concurrency: 0, count: RATE * RATE_SECONDS, tag: 'rate' }, postmaster);
  const fixedSorted = [...fixed.latencies].sort((a, b) => a - b);
  log(`ingest at ${RATE}/s: ${JSON.stringify(fixed.statuses)} p50 ${ms(percentile(fixedSorted, 50))} p99 ${ms(percentile(fixedSorted, 99))}`);
  results.push(
    `| Ingest, open loop at ${RATE} req/s for ${RATE_SECONDS} s | ${fixed.latencies.length} receipts, statuses ${JSON.stringify(fixed.statuses)}; latency from the scheduled send: p50 ${ms(percentile(fixedSorted, 50))}, p95 ${ms(percentile(fixedSorted, 95))}, **p99 ${ms(percentile(fixedSorted, 99))}**, max ${ms(fixedSorted.at(-1) ?? 0)}; load generator CPU ${fixed.loadCpu.toFixed(1)} s (${((fixed.loadCpu / Math.max(1, fixed.latencies.length)) * 1000).toFixed(3)} ms per request); load average ${load1()} | p99 < 50 ms |`,
  );

  // Concurrency doubles until the rate stops growing: one process levels off at 128 to 256 clients here, where its
  // event loop is busy all the time; its batches grow with the load (group commit), so the rate is not found below that.
  for (const [index, concurrency] of LEVELS.entries()) {
    const run = await closedLoop(pool, url, { concurrency, processes: 'one collector process', tag: `max${concurrency}` }, postmaster);
    httpRates.push({ processes: `one process, ${concurrency} concurrent`, rate: run.rate });
    if (index === 0) cpuPerReceiptMs = { collector: run.collectorMs, db: run.dbMs };
  }
  // What the SDK sends by default: every receipt signed by its browser's key, one ECDSA check more per receipt.
  await closedLoop(pool, url, { concurrency: TOP_LEVEL, processes: 'one collector process', tag: 'signed', signed: true }, postmaster);
  await app.close();

  // The same app in WORKERS processes sharing one port, started by the collector's own startWorkers (WORKERS=n).
  cluster.setupPrimary({ exec: fileURLToPath(new URL('./worker.ts', import.meta.url)), execArgv: ['--import', 'tsx'] });
  const workers = await startWorkers({ count: WORKERS, env: { BENCH_DATABASE_URL: databaseUrl } });
  try {
    const workersUrl = `http://127.0.0.1:${workers.port}`;
    const collectorCpu = (): number => ownCpu() + processCpu(workers.pids());
    await runLoad({ url: workersUrl, mode: 'max', seconds: 3, concurrency: 16, count: 5000, tag: 'warmw' }, postmaster, collectorCpu);
    for (const concurrency of LEVELS.slice(1)) {
      const run = await closedLoop(pool, workersUrl, { concurrency, processes: `${WORKERS} collector processes (\`WORKERS=${WORKERS}\`)`, tag: `w${concurrency}` }, postmaster, collectorCpu);
      httpRates.push({ processes: `${WORKERS} processes, ${concurrency} concurrent`, rate: run.rate });
    }
    await closedLoop(pool, workersUrl, { concurrency: TOP_LEVEL, processes: `${WORKERS} collector processes (\`WORKERS=${WORKERS}\`)`, tag: 'ws', signed: true }, postmaster, collectorCpu);
  } finally {
    await workers.close();
  }
}

/** Receipts/s over HTTP in the closed-loop runs, for the ratio to the plain INSERT of the same run. */
const httpRates: { processes: string; rate: number }[] = [];
/** CPU milliseconds per receipt of the collector process and of PostgreSQL in that run. */
let cpuPerReceiptMs = { collector: Number.NaN, db: Number.NaN };

async function stages(): Promise<void> {
  const measured = await profileStages();
  const sum = measured.reduce((total, stage) => total + (stage.inBench ? stage.micros : 0), 0);
  const rest = cpuPerReceiptMs.collector * 1000 - sum;
  profile.push(
    ...measured.map((stage) => `| ${stage.name}${stage.inBench ? '' : ` (${stage.outside ?? ''}; not in the closed-loop run)`} | ${stage.micros.toFixed(1)} |`),
    `| Fastify and Node HTTP, the writer and driver, GC: the rest of the collector's CPU per receipt in the closed-loop run (${(cpuPerReceiptMs.collector * 1000).toFixed(0)} µs) | ${rest.toFixed(1)} |`,
    `| PostgreSQL: ingest_receipt_set, triggers, WAL, its share of the commit (its CPU per receipt in that run) | ${(cpuPerReceiptMs.db * 1000).toFixed(1)} |`,
  );
}

async function ceiling(pool: Pool): Promise<void> {
  const c = await measureCeiling(pool, generateSigner(), CEILING_RECEIPTS);
  const ratio = (rate: number): string => `${(rate / c.insert).toFixed(2)}×`;
  log(`ceiling: ours ${c.ours.toFixed(0)}/s (${c.oursTransactions} transactions), INSERT ${c.insert.toFixed(0)}/s, COPY ${c.copy.toFixed(0)}/s`);
  results.push(
    `| PostgreSQL's own rate for ${c.receipts.toLocaleString('en')} rows on the same table: plain \`INSERT … SELECT FROM jsonb_to_recordset\`, 64 per statement, 4 in flight / one \`COPY\` | **${c.insert.toFixed(0)} / ${c.copy.toFixed(0)} receipts/s** (load average ${load1()}) | – |`,
    `| Ours as a fraction of that INSERT | through the writer, no HTTP (${c.producers} concurrent callers): ${c.ours.toFixed(0)}/s in ${c.oursTransactions} transactions (${(c.receipts / Math.max(1, c.oursTransactions)).toFixed(1)} receipts each) = **${ratio(c.ours)}**; over HTTP (closed loops above): ${httpRates.map(({ processes, rate }) => `${processes} **${ratio(rate)}**`).join(', ')} | ≥ 0.45× |`,
  );
}

/**
 * Fills `receipts` with synthetic rows straight from SQL (generate_series), spread evenly over `days` days. Keys and
 * indexes are dropped while generating (a throwaway database) and the ones that stats and rollups read are rebuilt.
 */
async function generate(pool: Pool, count: number, firstDay: string, days: number, site: string): Promise<void> {
  await pool.query(`ALTER TABLE receipts DROP CONSTRAINT receipts_pkey, DROP CONSTRAINT receipts_seq_key, DROP CONSTRAINT receipts_site_id_fkey;
    DROP INDEX receipts_prev, receipts_site_time, receipts_received;
    ALTER TABLE impressions DROP CONSTRAINT impressions_pkey, DROP CONSTRAINT impressions_site_id_fkey;
    DROP INDEX impressions_site_received, impressions_received`);
  await pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), $1, 'gen_' || g, md5(g::text) || md5((g + 1)::text), NULL, 'ok',
            (ARRAY['accept-all','accept-all','reject-all','preferences','gpc','withdraw'])[1 + g % 6],
            (ARRAY['ko','ko','en','ja'])[1 + g % 4], (ARRAY['2024-03','2025-01'])[1 + (g / 7) % 2],
            (ARRAY['mobile','mobile','desktop','tablet'])[1 + (g / 3) % 4], 'a',
            CASE g % 6 WHEN 2 THEN '{}'::text[] WHEN 4 THEN '{}' WHEN 3 THEN '{analytics}' ELSE '{analytics,marketing}' END,
            CASE g % 6 WHEN 2 THEN '{analytics,marketing}'::text[] WHEN 4 THEN '{analytics,marketing}' WHEN 3 THEN '{marketing}' ELSE '{}' END,
            CASE WHEN g % 6 IN (0, 1, 5) THEN '{medisian-ads}'::text[] ELSE '{}' END,
            CASE WHEN g % 6 IN (0, 1, 5) THEN '{}'::text[] ELSE '{medisian-ads}' END,
            t, t, '{}', '{}'
       FROM generate_series(1, $2::bigint) g,
            LATERAL (SELECT $3::date::timestamp AT TIME ZONE 'UTC' + ((g - 1) * ($4::double precision * 86400 / $2)) * interval '1 second' AS t) x`,
    [site, count, firstDay, days],
  );
  // Banner views: 1.25 per decision, as a no-choice share of 20 %.
  await pool.query(
    `INSERT INTO impressions (id, site_id, day, locale, policy_version, sdk_version, device_class, received_at)
     SELECT gen_random_uuid(), $1, t::date, (ARRAY['ko','ko','en','ja'])[1 + g % 4], (ARRAY['2024-03','2025-01'])[1 + (g / 7) % 2], '0.1.0',
            (ARRAY['mobile','mobile','desktop','tablet'])[1 + (g / 3) % 4], t
       FROM generate_series(1, ($2 * 5 / 4)::bigint) g,
            LATERAL (SELECT $3::date::timestamp AT TIME ZONE 'UTC' + ((g - 1) * ($4::double precision * 86400 / ($2 * 5 / 4))) * interval '1 second' AS t) x`,
    [site, count, firstDay, days],
  );
  await pool.query(`CREATE INDEX receipts_site_time ON receipts (site_id, received_at);
    CREATE INDEX receipts_received ON receipts (received_at);
    CREATE INDEX impressions_site_received ON impressions (site_id, received_at);
    CREATE INDEX impressions_received ON impressions (received_at)`);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

async function freshDb(baseUrl: string, name: string): Promise<Pool> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = createPool(baseUrl.replace(/\/postgres$/, `/${name}`), 20);
  await migrate(pool);
  return pool;
}

async function rollupBench(baseUrl: string): Promise<void> {
  const pool = await freshDb(baseUrl, 'bench_rollup');
  await createSite(pool, { id: 'gen-clinic', origins: [BENCH_ORIGIN] });
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const [, genMs] = await timed(() => withoutChangeLog(pool, () => generate(pool, ROLLUP_RECEIPTS, day, 1, 'gen-clinic')));
  await pool.query('ANALYZE');
  const [, rollMs] = await timed(() => rollupDay(pool, day));
  log(`rollup of ${ROLLUP_RECEIPTS} receipts: ${ms(rollMs)} (generation ${ms(genMs)})`);
  results.push(`| Rollup build, one day of ${ROLLUP_RECEIPTS.toLocaleString('en')} receipts (+ ${(ROLLUP_RECEIPTS * 1.25).toLocaleString('en')} banner views) | **${ms(rollMs)}** (rows generated in SQL in ${ms(genMs)}) | – |`);
  await pool.end();
}

async function statsBench(baseUrl: string): Promise<void> {
  const opened = await openStatsSet(baseUrl, STATS_RECEIPTS, log);
  // The next day's receipts arrive (a third from consent ids deciding again), then the job rolls that day up.
  const { set, added } = await nextDay(opened, STATS_RECEIPTS);
  const { pool } = set;
  await pool.query('ANALYZE consent_state_changes');
  const changes = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM consent_state_changes');
  const [rolled, rollMs] = await timed(() => runRollup(pool, set.end));
  log(`incremental rollup of ${added} receipts: ${ms(rollMs)} (${rolled.days.join(', ')})`);
  const query = { siteId: STATS_SITE, from: set.first, to: set.last };
  await queryStats(pool, query);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) times.push((await timed(() => queryStats(pool, query)))[1]);
  times.sort((a, b) => a - b);
  const report = await queryStats(pool, query);
  const raw = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM consent_state WHERE site_id = $1 AND received_at >= ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul'`,
    [STATS_SITE, report.watermark],
  );
  const receipts = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM receipts WHERE site_id = $1 AND received_at >= $2::date::timestamp AT TIME ZONE 'Asia/Seoul'`,
    [STATS_SITE, set.first],
  );
  log(`stats over ${receipts.rows[0]?.n} receipts: median ${ms(percentile(times, 50))}, load average ${load1()}`);
  results.push(
    `| Stats query, 90 days (${set.first} – ${set.last}, Asia/Seoul) over ${Number(receipts.rows[0]?.n ?? 0).toLocaleString('en')} receipts (${report.totals.decisions.toLocaleString('en')} consent ids' latest decisions) and ${report.totals.impressions.toLocaleString('en')} banner views; ${Number(raw.rows[0]?.n ?? 0).toLocaleString('en')} decisions after the rollup watermark read raw | **median ${ms(percentile(times, 50))}**, max ${ms(times.at(-1) ?? 0)} over 7 runs; load average ${load1()} | < 300 ms |`,
    `| Incremental rollup job on that set: one day's new receipts (${added.toLocaleString('en')}, a third of them consent ids deciding again; ${Number(changes.rows[0]?.n ?? 0).toLocaleString('en')} logged changes folded) | **${ms(rollMs)}** for ${rolled.days.length} day(s) | < 1 s |`,
  );
  await pool.end();
}

/** Writes RESULTS.md; called after every phase so an interrupted run keeps what it measured. */
function writeResults(loadBefore: number, version: string, done: boolean): URL {
  const cpu = cpus();
  const file = new URL('./RESULTS.md', import.meta.url);
  writeFileSync(
    file,
    `# Collector benchmark results

Produced by \`npm run bench:collector\` (bench/collector/run.ts) on ${new Date().toISOString()}.
Machine: ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, embedded PostgreSQL ${version}
(default durability: fsync and synchronous_commit on; shared_buffers ${BENCH_POSTGRES_SETTINGS.shared_buffers}, a quarter of a 4 GB server's memory). Load average (1 min) ${loadBefore.toFixed(1)} at the start and
${(loadavg()[0] ?? 0).toFixed(1)} at the end: other processes on the machine share the cores, so compare runs with that in mind. Ingest runs over real HTTP on 127.0.0.1 with keep-alive, rate limits raised; every receipt is validated, hashed, signed and
committed before its answer. Ingest writes into a table that already holds ${INGEST_TABLE.toLocaleString('en')} analyzed receipts (built once, reused
by later runs; bench/collector/dataset.ts). Server, database and load generator share the same ${cpu.length} cores. The load generator runs in its own process. The rollup and
1 M-receipt rollup data are generated in SQL (generate_series) with keys dropped during generation. The stats set
(bench/collector/stats-set.ts) is built once through the consent-state trigger and kept; each run adds the next day's
receipts to it, times the rollup job's run for that day, then the 90-day stats.

| Measurement | Result | Goal |
|---|---|---|
${results.join('\n')}
${
  profile.length === 0
    ? ''
    : `
### One receipt's CPU time, stage by stage (bench/collector/profile.ts; the closed-loop run's CPU for the rest)

| Stage | µs per receipt |
|---|---|
${profile.join('\n')}
`
}${done ? '' : '\n_The run was still in progress or was interrupted after the rows above._\n'}`,
  );
  return file;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  // Kept between runs: the prebuilt ingest table (dataset.ts) lives in it.
  const dataDir = resolve(process.env['BENCH_DATA_DIR'] ?? 'data/bench-collector');
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL as one would run it on such a server: its buffer cache sized to the machine (collector README,
  // "PostgreSQL"), not the 128 MB default of a fresh cluster, under which a day's rollup rereads and rewrites its pages.
  const cluster = await startEmbedded({ dataDir, notice: log, settings: BENCH_POSTGRES_SETTINGS });
  // An interrupted run must not leave its PostgreSQL behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cluster.stop().finally(() => process.exit(130));
    });
  }
  const version = await (async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    await client.end();
    return rows[0]?.v ?? '?';
  })();
  try {
    const ingestPool = await ingestDatabase(cluster.url, 'bench_ingest', INGEST_TABLE, log);
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    await ingest(ingestPool, postmaster, databaseUrlOf(cluster.url, 'bench_ingest'));
    await ceiling(ingestPool);
    await stages();
    await ingestPool.end();
    writeResults(loadBefore, version, false);
    if (process.env['BENCH_ONLY'] !== 'ingest') {
      await rollupBench(cluster.url);
      writeResults(loadBefore, version, false);
      await statsBench(cluster.url);
    }
  } finally {
    await cluster.stop();
  }
  log(`wrote ${writeResults(loadBefore, version, true).pathname}`);
}

await main();
