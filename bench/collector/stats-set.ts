/**
 * The stats benchmark's data set (issue 17): one Seoul clinic, 10 million receipts over the 90 days before the
 * build, consent ids deciding 1.5 times on average (about 6.7 million of them), 1.25 banner views per decision,
 * rolled up and analyzed as a collector in service leaves them. Built once in SQL (consent_state as its trigger
 * would leave it) into database `bench_stats_<receipts>` of the bench cluster (several GB, many minutes),
 * and reused by later runs: `bench_meta` is written last, so an interrupted build is never taken for the set.
 * Each run then adds the next day's receipts (`nextDay`) and moves the set's 90 days on by one, as a collector in
 * service moves on, so the set stays about 10 M receipts and the incremental rollup always has a new day to build.
 */
import pg from 'pg';
import { migrate } from '../../collector/src/db/migrate.js';
import { createPool, type Pool } from '../../collector/src/db/pool.js';
import { runRollup } from '../../collector/src/jobs/rollup.js';

export const STATS_SITE = 'bench-stats-clinic';

export interface StatsSet {
  readonly pool: Pool;
  /** The first and last day of the set (days of the site's zone), YYYY-MM-DD. */
  readonly first: string;
  readonly last: string;
  /** The instant the set's generated receipts end: later receipts are a run's own. */
  readonly end: Date;
}

/** The set's database, opened (migrated: a newer collector's migrations apply to it as to a deployed one). */
export async function openStatsSet(baseUrl: string, receipts: number, log: (line: string) => void): Promise<StatsSet> {
  const name = `bench_stats_${receipts}`;
  const url = baseUrl.replace(/\/postgres$/, `/${name}`);
  const probe = new pg.Client({ connectionString: url });
  const meta = await probe
    .connect()
    .then(() => probe.query<{ first: string; last: string; ends: Date }>('SELECT first::text, last::text, ends FROM bench_meta LIMIT 1'))
    .then((result) => result.rows[0])
    .catch(() => undefined)
    .finally(() => probe.end().catch(() => undefined));
  if (!meta) {
    // Missing or left half-built by an interrupted run: start again from an empty database.
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const pool = createPool(url, 4);
  await migrate(pool);
  if (meta) return { pool, first: meta.first, last: meta.last, end: meta.ends };
  const started = performance.now();
  const built = await build(pool, receipts);
  log(`built the ${receipts.toLocaleString('en')}-receipt stats set in ${((performance.now() - started) / 1000).toFixed(0)} s (kept for later runs)`);
  return { pool, ...built };
}

/**
 * Inserts `count` receipts of the site spread evenly over [start, end) and 1.25 banner views per receipt;
 * `consent` is the SQL for the g-th receipt's consent id ($5: the set's size in receipts).
 */
async function addReceipts(pool: Pool, count: number, start: Date, end: Date, consent: string, setSize: number): Promise<void> {
  const spread = `CROSS JOIN LATERAL (SELECT $3::timestamptz + (g * ($4::timestamptz - $3::timestamptz) / $2) AS t) x`;
  await pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), $1, ${consent}, md5(g::text), NULL, 'ok', m.method,
            (ARRAY['ko','ko','en','ja','zh'])[1 + g % 5], (ARRAY['2025-06','2026-01'])[1 + (g / 11) % 2], (ARRAY['mobile','mobile','desktop','tablet'])[1 + (g / 5) % 4], 't',
            m.granted, m.denied, m.granted_svc, m.denied_svc, t, t, '{}', '{}'
       FROM generate_series(1, $2::bigint) g
       ${spread}
       CROSS JOIN LATERAL (SELECT (ARRAY['accept-all','accept-all','reject-all','preferences','gpc','withdraw'])[1 + g % 6] AS method,
                                  CASE WHEN g % 6 IN (0, 1) THEN '{analytics,marketing}'::text[] WHEN g % 6 = 3 THEN '{analytics}' ELSE '{}' END AS granted,
                                  CASE WHEN g % 6 IN (0, 1) THEN '{}'::text[] WHEN g % 6 = 3 THEN '{marketing}' ELSE '{analytics,marketing}' END AS denied,
                                  CASE WHEN g % 6 IN (0, 1) THEN '{medisian-ads}'::text[] ELSE '{}' END AS granted_svc,
                                  CASE WHEN g % 6 IN (0, 1) THEN '{}'::text[] ELSE '{medisian-ads}' END AS denied_svc) m`,
    [STATS_SITE, count, start, end, setSize],
  );
  await pool.query(
    `INSERT INTO impressions (id, site_id, day, locale, policy_version, sdk_version, device_class, received_at)
     SELECT gen_random_uuid(), $1, t::date, (ARRAY['ko','ko','en','ja','zh'])[1 + g % 5], '2026-01', '0.1.0', 'mobile', t
       FROM generate_series(1, $2::bigint) g ${spread}`,
    [STATS_SITE, Math.round(count * 1.25), start, end],
  );
}

/**
 * Fills a database that has nothing rolled up yet with the change log of migration 026 off: with no rollup there is
 * nothing for it to correct, and receipts generated into past days would all be logged as arriving late.
 */
export async function withoutChangeLog(pool: Pool, fill: () => Promise<void>): Promise<void> {
  await pool.query('ALTER TABLE consent_state DISABLE TRIGGER consent_state_left, DISABLE TRIGGER consent_state_entered_late');
  await fill();
  await pool.query('ALTER TABLE consent_state ENABLE TRIGGER consent_state_left, ENABLE TRIGGER consent_state_entered_late');
}

/** One day of the set's rate (receipts / 90) after its end, a third of them from consent ids of the set deciding again. */
export async function nextDay(set: StatsSet, receipts: number): Promise<{ set: StatsSet; added: number }> {
  const added = Math.round(receipts / 90);
  const end = new Date(set.end.getTime() + 86_400_000);
  const consent = `CASE WHEN g % 3 = 0 THEN 'bench_' || floor(random() * ($5 * 2 / 3))::bigint ELSE 'bench_${end.getTime()}_' || g END`;
  await addReceipts(set.pool, added, set.end, end, consent, receipts);
  const days = await daysOf(set.pool, new Date(end.getTime() - 89 * 86_400_000), end);
  await set.pool.query('UPDATE bench_meta SET first = $1, last = $2, ends = $3', [days.first, days.last, end]);
  return { set: { ...set, ...days, end }, added };
}

async function daysOf(pool: Pool, start: Date, end: Date): Promise<{ first: string; last: string }> {
  const { rows } = await pool.query<{ first: string; last: string }>(
    `SELECT ($1::timestamptz AT TIME ZONE 'Asia/Seoul')::date::text AS first, ($2::timestamptz AT TIME ZONE 'Asia/Seoul')::date::text AS last`,
    [start, end],
  );
  return rows[0] ?? { first: '', last: '' };
}

async function build(pool: Pool, receipts: number): Promise<Omit<StatsSet, 'pool'>> {
  const end = new Date();
  const start = new Date(end.getTime() - 89 * 86_400_000);
  await pool.query(`CREATE TABLE bench_meta (first date NOT NULL, last date NOT NULL, ends timestamptz NOT NULL)`);
  await pool.query(`INSERT INTO sites (id, name, time_zone) VALUES ($1, 'Bench stats clinic', 'Asia/Seoul')`, [STATS_SITE]);
  // Ten million receipts through the per-row consent-state trigger take an hour on two shared cores: they are stored
  // with it off, and consent_state is then filled in one pass with what the trigger would have left (migration 015).
  await pool.query('ALTER TABLE receipts DISABLE TRIGGER receipts_consent_state');
  await addReceipts(pool, receipts, start, end, `'bench_' || (g % ($5 * 2 / 3))`, receipts);
  await pool.query('ALTER TABLE receipts ENABLE TRIGGER receipts_consent_state');
  await withoutChangeLog(pool, async () => {
    await pool.query(
      `INSERT INTO consent_state
       SELECT DISTINCT ON (site_id, consent_id) site_id, consent_id, id, seq, method, locale, policy_version, device_class,
              granted, denied, granted_svc, denied_svc, client_time, received_at
         FROM receipts ORDER BY site_id, consent_id, client_time DESC, seq DESC`,
    );
  });
  await runRollup(pool, end);
  await pool.query('VACUUM ANALYZE');
  const { first, last } = await daysOf(pool, start, end);
  await pool.query('INSERT INTO bench_meta (first, last, ends) VALUES ($1, $2, $3)', [first, last, end]);
  return { first, last, end };
}
