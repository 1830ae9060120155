/**
 * Collector benchmark (`npm run bench:collector`; not part of `npm test`): ingest throughput and latency over real
 * HTTP against the embedded PostgreSQL (500 requests/s open loop, then maximum at fixed concurrency), the rollup
 * build for 1 million receipts, and a 90-day stats query over 10 million generated receipts including today's raw
 * rows. Writes bench/collector/RESULTS.md. Sizes can be lowered with BENCH_ROLLUP_RECEIPTS / BENCH_STATS_RECEIPTS.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { receiptHashInput } from '../../schema/canonicalize.js';
import { buildApp } from '../../collector/src/app.js';
import { generateSigner, sha256Hex } from '../../collector/src/crypto/signer.js';
import { startEmbedded } from '../../collector/src/db/embedded.js';
import { migrate } from '../../collector/src/db/migrate.js';
import { createPool, type Pool } from '../../collector/src/db/pool.js';
import { rollupDay, runRollup } from '../../collector/src/jobs/rollup.js';
import { queryStats } from '../../collector/src/stats/query.js';
import { createSite } from '../../collector/src/sites.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const ROLLUP_RECEIPTS = env('BENCH_ROLLUP_RECEIPTS', 1_000_000);
const STATS_RECEIPTS = env('BENCH_STATS_RECEIPTS', 10_000_000);
const RATE = env('BENCH_RATE', 500);
const RATE_SECONDS = env('BENCH_RATE_SECONDS', 20);
const MAX_SECONDS = env('BENCH_MAX_SECONDS', 15);
const CONCURRENCY = env('BENCH_CONCURRENCY', 64);
const ORIGIN = 'https://bench.example';
const results: string[] = [];
const log = (line: string): void => {
  console.log(line);
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** Pre-built receipts: each a distinct consent chain start, as the SDK would send them. */
function makeBodies(n: number): string[] {
  const methods = ['accept-all', 'reject-all', 'preferences'] as const;
  return Array.from({ length: n }, (_, i) => {
    const receipt = {
      schema: 'clinic-consent/receipt/1',
      id: randomUUID(),
      consentId: `bench_${i.toString(36).padStart(12, '0')}`,
      siteId: 'bench-clinic',
      policy: { url: 'https://bench.example/privacy', version: '2024-03' },
      locale: i % 3 === 0 ? 'en' : 'ko',
      jurisdiction: 'KR',
      method: methods[i % 3],
      categories: { necessary: { granted: true, purpose: '운영' }, analytics: { granted: i % 3 !== 1, purpose: '분석' }, marketing: { granted: i % 3 === 0, purpose: '마케팅' } },
      services: { 'medisian-ads': { category: 'marketing', granted: i % 3 === 0, purpose: '마케팅 및 통계', thirdParty: 'Medisian Inc.', country: 'KR' } },
      clientTime: new Date().toISOString(),
      deviceClass: (['mobile', 'tablet', 'desktop'] as const)[i % 3],
      sdkVersion: '0.1.0',
      textHash: 'a'.repeat(64),
      prev: null,
    };
    return JSON.stringify({ ...receipt, hash: sha256Hex(receiptHashInput(receipt)) });
  });
}

function runLoad(data: Record<string, unknown>): Promise<{ latencies: number[]; statuses: Record<string, number>; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.worker.mjs', import.meta.url), { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function ingest(pool: Pool): Promise<void> {
  await createSite(pool, { id: 'bench-clinic', origins: [ORIGIN] });
  const app = await buildApp({ pool, signer: generateSigner(), rateLimit: { perClient: 1e9, perSite: 1e9, windowMs: 60_000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
  const bodies = makeBodies(RATE * RATE_SECONDS + 60_000);
  // Warm-up: JIT, connection pool, plan caches.
  await runLoad({ url, origin: ORIGIN, bodies: bodies.slice(0, 2000), mode: 'max', seconds: 3, concurrency: 16 });

  const fixed = await runLoad({ url, origin: ORIGIN, bodies: bodies.slice(2000, 2000 + RATE * RATE_SECONDS), mode: 'rate', rate: RATE, seconds: RATE_SECONDS });
  const fixedSorted = [...fixed.latencies].sort((a, b) => a - b);
  log(`ingest at ${RATE}/s: ${JSON.stringify(fixed.statuses)} p50 ${ms(percentile(fixedSorted, 50))} p99 ${ms(percentile(fixedSorted, 99))}`);
  results.push(
    `| Ingest, open loop at ${RATE} req/s for ${RATE_SECONDS} s | ${fixed.latencies.length} receipts, statuses ${JSON.stringify(fixed.statuses)}; latency p50 ${ms(percentile(fixedSorted, 50))}, p95 ${ms(percentile(fixedSorted, 95))}, **p99 ${ms(percentile(fixedSorted, 99))}**, max ${ms(fixedSorted.at(-1) ?? 0)} | p99 < 50 ms |`,
  );

  const max = await runLoad({ url, origin: ORIGIN, bodies: bodies.slice(2000 + RATE * RATE_SECONDS), mode: 'max', seconds: MAX_SECONDS, concurrency: CONCURRENCY });
  const maxSorted = [...max.latencies].sort((a, b) => a - b);
  const ok = (max.statuses['201'] ?? 0) + (max.statuses['200'] ?? 0);
  const perSecond = ok / (max.elapsedMs / 1000);
  log(`ingest max: ${perSecond.toFixed(0)}/s ${JSON.stringify(max.statuses)} p99 ${ms(percentile(maxSorted, 99))}`);
  results.push(
    `| Ingest, closed loop, ${CONCURRENCY} concurrent for ${MAX_SECONDS} s | **${perSecond.toFixed(0)} receipts/s** stored and acknowledged, statuses ${JSON.stringify(max.statuses)}; latency p50 ${ms(percentile(maxSorted, 50))}, p99 ${ms(percentile(maxSorted, 99))} | ≥ 3,000/s |`,
  );
  await app.close();
}

/** Fills `receipts` with synthetic rows straight from SQL (generate_series), spread evenly over `days` days. */
async function generate(pool: Pool, count: number, firstDay: string, days: number, site: string): Promise<void> {
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
  await createSite(pool, { id: 'gen-clinic', origins: [ORIGIN] });
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const [, genMs] = await timed(() => generate(pool, ROLLUP_RECEIPTS, day, 1, 'gen-clinic'));
  await pool.query('ANALYZE');
  const [, rollMs] = await timed(() => rollupDay(pool, day));
  log(`rollup of ${ROLLUP_RECEIPTS} receipts: ${ms(rollMs)} (generation ${ms(genMs)})`);
  results.push(`| Rollup build, one day of ${ROLLUP_RECEIPTS.toLocaleString('en')} receipts (+ ${(ROLLUP_RECEIPTS * 1.25).toLocaleString('en')} banner views) | **${ms(rollMs)}** (rows generated in SQL in ${ms(genMs)}) | – |`);
  await pool.end();
}

async function statsBench(baseUrl: string): Promise<void> {
  const pool = await freshDb(baseUrl, 'bench_stats');
  await createSite(pool, { id: 'gen-clinic', origins: [ORIGIN] });
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const first = new Date(now.getTime() - 89 * 86_400_000).toISOString().slice(0, 10);
  // 90 days including today, evenly: today's share stays raw (after the watermark), the other 89 days are rolled up.
  const secondsToday = (now.getTime() - Date.parse(`${today}T00:00:00Z`)) / 1000;
  const span = 89 + secondsToday / 86_400;
  const [, genMs] = await timed(() => generate(pool, STATS_RECEIPTS, first, span, 'gen-clinic'));
  await pool.query('VACUUM ANALYZE');
  const [rolled, rollMs] = await timed(() => runRollup(pool, now));
  const raw = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM receipts WHERE received_at >= $1::date`, [today]);
  const query = { siteId: 'gen-clinic', from: first, to: today };
  await queryStats(pool, query);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) times.push((await timed(() => queryStats(pool, query)))[1]);
  times.sort((a, b) => a - b);
  const report = await queryStats(pool, query);
  log(`stats over ${STATS_RECEIPTS}: median ${ms(percentile(times, 50))}, decisions ${report.totals.decisions + report.totals.withdrawals}`);
  results.push(
    `| Stats query, 90 days (${first} – ${today}) over ${STATS_RECEIPTS.toLocaleString('en')} receipts and ${(STATS_RECEIPTS * 1.25).toLocaleString('en')} banner views; ${Number(raw.rows[0]?.n ?? 0).toLocaleString('en')} of today's receipts read raw | **median ${ms(percentile(times, 50))}**, max ${ms(times.at(-1) ?? 0)} over 7 runs (report counts ${(report.totals.decisions + report.totals.withdrawals).toLocaleString('en')} receipts) | < 300 ms |`,
  );
  results.push(`| Rollup job for the 89 completed days of that data | ${ms(rollMs)} for ${rolled.days.length} days (generation took ${ms(genMs)}) | – |`);
  await pool.end();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const cluster = await startEmbedded({ dataDir, notice: log });
  const version = await (async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ v: string }>('SHOW server_version');
    await client.end();
    return rows[0]?.v ?? '?';
  })();
  try {
    const ingestPool = await freshDb(cluster.url, 'bench_ingest');
    await ingest(ingestPool);
    await ingestPool.end();
    await rollupBench(cluster.url);
    await statsBench(cluster.url);
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cpu = cpus();
  const file = new URL('./RESULTS.md', import.meta.url);
  writeFileSync(
    file,
    `# Collector benchmark results

Produced by \`npm run bench:collector\` (bench/collector/run.ts) on ${new Date().toISOString()}.
Machine: ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, embedded PostgreSQL ${version}
(default durability: fsync and synchronous_commit on). Ingest runs over real HTTP on 127.0.0.1 with keep-alive, the load
generator in a worker thread of the same process, rate limits raised; every receipt is validated, hashed, signed and
committed before its answer. Server, database and load generator share the same ${cpu.length} cores.

| Measurement | Result | Goal |
|---|---|---|
${results.join('\n')}
`,
  );
  log(`wrote ${file.pathname}`);
}

await main();
