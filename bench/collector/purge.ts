/**
 * The retention purge at scale, beside live ingest (`npm run bench:collector-purge`; not part of `npm test`).
 * Builds once, in `BENCH_PURGE_DIR` (default `data/bench-purge`), a template database of `BENCH_PURGE_RECEIPTS`
 * (default 10 M) receipts that expired years ago, one in a hundred of their consent ids still in force through a
 * recent receipt (so its old receipts must stay). Each run copies the template (a purge destroys its input), then
 * times open-loop ingest over HTTP at `BENCH_PURGE_RATE` receipts/s alone and again while the purge runs, and checks
 * what the purge left: every receipt of a live consent, a tombstone entry for every receipt it removed.
 * Run it on a quiet machine: it prints the load average beside its figures.
 */
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { buildApp } from '../../collector/src/app.js';
import { generateSigner } from '../../collector/src/crypto/signer.js';
import { startEmbedded } from '../../collector/src/db/embedded.js';
import { migrate } from '../../collector/src/db/migrate.js';
import { createPool, type Pool } from '../../collector/src/db/pool.js';
import { runPurge } from '../../collector/src/jobs/purge.js';
import { createSite } from '../../collector/src/sites.js';
import { BENCH_ORIGIN, BENCH_SITE, makeBodies } from './bodies.js';

const RECEIPTS = Number(process.env['BENCH_PURGE_RECEIPTS'] ?? 10_000_000);
const RATE = Number(process.env['BENCH_PURGE_RATE'] ?? 200);
const DIR = resolve(process.env['BENCH_PURGE_DIR'] ?? 'data/bench-purge');
const TEMPLATE = `bench_purge_${RECEIPTS}`;
const RUN_DB = 'bench_purge_run';
const RETENTION_DAYS = 3 * 365;
/** One consent id in this many is still in force: its expired receipts must survive the purge. */
const LIVE_EVERY = 100;

const secondsSince = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)} s`;

async function admin<T>(base: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The template: expired receipts spread over a month four years ago, live consents renewed ten days ago. */
async function buildTemplate(base: string, url: string): Promise<void> {
  await admin(base, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
    await client.query(`CREATE DATABASE ${TEMPLATE}`);
  });
  const pool = createPool(url, 2);
  try {
    await migrate(pool);
    await createSite(pool, { id: BENCH_SITE, origins: [BENCH_ORIGIN] });
    const started = performance.now();
    const consents = Math.ceil((RECEIPTS * 2) / 3);
    // Receipts oldest first, so seq follows received_at; triggers off while they are written (one connection),
    // then each consent id's latest decision in one statement, as ingest's triggers would have left it.
    const client = await pool.connect();
    await client.query('SET session_replication_role = replica');
    await client.query(
      `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                             text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
       SELECT gen_random_uuid(), $1, 'purge_' || (g % $3), md5(g::text), NULL, 'ok', 'accept-all', 'ko', '2022-01', 'mobile', 't',
              '{analytics}', '{marketing}', '{}', '{}', t, t, '{}', '{}'
         FROM generate_series(1, $2::bigint) g
         CROSS JOIN LATERAL (SELECT now() - interval '4 years' + g * interval '30 days' / $2 AS t) x`,
      [BENCH_SITE, RECEIPTS, consents],
    );
    await client.query(
      `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                             text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
       SELECT gen_random_uuid(), $1, 'purge_' || k, md5('live' || k), NULL, 'ok', 'accept-all', 'ko', '2026-01', 'mobile', 't',
              '{analytics}', '{marketing}', '{}', '{}', now() - interval '10 days', now() - interval '10 days', '{}', '{}'
         FROM generate_series(0, $2::bigint - 1, $3) k`,
      [BENCH_SITE, consents, LIVE_EVERY],
    );
    await client.query('RESET session_replication_role');
    client.release();
    await pool.query(
      `INSERT INTO consent_state (site_id, consent_id, receipt_id, receipt_seq, method, locale, policy_version, device_class,
                                  granted, denied, granted_svc, denied_svc, client_time, received_at)
       SELECT DISTINCT ON (site_id, consent_id) site_id, consent_id, id, seq, method, locale, policy_version, device_class,
              granted, denied, granted_svc, denied_svc, client_time, received_at
         FROM receipts ORDER BY site_id, consent_id, client_time DESC, seq DESC`,
    );
    await pool.query('VACUUM ANALYZE');
    console.log(`built the template: ${RECEIPTS.toLocaleString('en')} expired receipts in ${secondsSince(started)} (kept for later runs)`);
  } finally {
    await pool.end();
  }
}

/** Open loop at `rate` receipts/s until `until()` says stop; latency from each scheduled send, in ms. */
async function ingestAt(url: string, rate: number, bodies: readonly string[], until: () => boolean): Promise<{ latencies: number[]; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const latencies: number[] = [];
  let failed = 0;
  const sent: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; !until() && i < bodies.length; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const body = bodies[i] ?? '';
    sent.push(
      new Promise<void>((done) => {
        const req = request(
          { agent, host: target.hostname, port: target.port, path: '/v1/receipts', method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: BENCH_ORIGIN, 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode !== 201) failed += 1;
              latencies.push(performance.now() - due);
              done();
            });
          },
        );
        req.on('error', () => {
          failed += 1;
          done();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(sent);
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), failed };
}

const percentile = (sorted: readonly number[], p: number): string => `${(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN).toFixed(1)} ms`;

async function main(): Promise<void> {
  const cluster = await startEmbedded({ dataDir: DIR, notice: (line) => console.log(line) });
  const templateUrl = cluster.url.replace(/\/postgres$/, `/${TEMPLATE}`);
  try {
    const built = await admin(templateUrl, (client) => client.query('SELECT count(*) FROM sites')).then(
      () => true,
      () => false,
    );
    if (!built) await buildTemplate(cluster.url, templateUrl);
    const copyStart = performance.now();
    await admin(cluster.url, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${RUN_DB}`);
      await client.query(`CREATE DATABASE ${RUN_DB} TEMPLATE ${TEMPLATE}`);
    });
    console.log(`copied the template in ${secondsSince(copyStart)}`);
    const pool: Pool = createPool(cluster.url.replace(/\/postgres$/, `/${RUN_DB}`), 10);
    const signer = generateSigner();
    const app = await buildApp({ pool, signer, rateLimit: false });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const url = `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
      const expired = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM receipts WHERE received_at < now() - interval '1 year'");
      const kept = await pool.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM receipts r WHERE EXISTS (SELECT 1 FROM receipts n WHERE n.site_id = r.site_id AND n.consent_id = r.consent_id AND n.received_at > now() - interval '1 year')`,
      );

      // Bodies made beforehand (hashing them is the load generator's work, not the collector's).
      const aloneBodies = makeBodies(RATE * 10, 'alone');
      const duringBodies = makeBodies(RATE * 900, 'during');
      const stopAt = performance.now() + 10_000;
      const alone = await ingestAt(url, RATE, aloneBodies, () => performance.now() > stopAt);
      console.log(`ingest alone at ${RATE}/s for 10 s: p50 ${percentile(alone.latencies, 50)}, p99 ${percentile(alone.latencies, 99)}, failed ${alone.failed}; load average ${loadavg()[0]?.toFixed(1)}`);

      let purging = true;
      const purgeStart = performance.now();
      const purge = runPurge(pool, signer, new Date(), RETENTION_DAYS).finally(() => (purging = false));
      const during = await ingestAt(url, RATE, duringBodies, () => !purging);
      const result = await purge;
      const seconds = (performance.now() - purgeStart) / 1000;
      console.log(
        `purge of ${result.receipts.toLocaleString('en')} receipts in ${seconds.toFixed(1)} s (${Math.round(result.receipts / seconds).toLocaleString('en')}/s, ${result.tombstoneIds.length} tombstones); load average ${loadavg()[0]?.toFixed(1)}`,
      );
      console.log(`ingest during the purge at ${RATE}/s (${during.latencies.length} receipts): p50 ${percentile(during.latencies, 50)}, p99 ${percentile(during.latencies, 99)}, max ${percentile(during.latencies, 100)}, failed ${during.failed}`);

      const left = await pool.query<{ old: string; entries: string }>(
        `SELECT (SELECT count(*) FROM receipts WHERE received_at < now() - interval '1 year')::text AS old, (SELECT count(*) FROM tombstone_entries)::text AS entries`,
      );
      const keptOld = Number(kept.rows[0]?.n ?? 0) - Math.ceil((RECEIPTS * 2) / 3 / LIVE_EVERY);
      const row = left.rows[0];
      const ok = Number(row?.old) === keptOld && Number(row?.entries) === Number(expired.rows[0]?.n) - keptOld && result.receipts === Number(row?.entries);
      console.log(`left: ${row?.old} expired receipts of live consents (expected ${keptOld}), ${row?.entries} tombstone entries (purged ${result.receipts}): ${ok ? 'as expected' : 'NOT AS EXPECTED'}`);
      if (!ok) process.exitCode = 1;
    } finally {
      await app.close();
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
