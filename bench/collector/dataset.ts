/**
 * The realistic table the ingest benchmark writes into (issue 17): a `receipts` table that already holds
 * BENCH_INGEST_TABLE receipts (default 1,000,000, in chains of three per consent id, over 90 days), analyzed, as a
 * collector in service has. Built once into a template database of the bench cluster and reused by later runs (the
 * cluster's data directory is kept): each run copies the template, so the timed part never pays for the build and
 * always starts from the same table.
 */
import pg from 'pg';
import { migrate } from '../../collector/src/db/migrate.js';
import { createPool, type Pool } from '../../collector/src/db/pool.js';
import { createSite } from '../../collector/src/sites.js';
import { BENCH_ORIGIN, BENCH_SITE } from './bodies.js';

/** The table's keys and indexes as the migrations made them, so they can be rebuilt identically after a bulk load. */
async function receiptKeys(pool: Pool): Promise<{ drop: string; create: string[] }> {
  const constraints = await pool.query<{ name: string; def: string }>(
    "SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'receipts'::regclass AND contype IN ('p', 'u', 'f')",
  );
  const indexes = await pool.query<{ name: string; def: string }>(
    "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'receipts' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'receipts'::regclass)",
  );
  return {
    drop: [
      ...constraints.rows.map((c) => `ALTER TABLE receipts DROP CONSTRAINT ${c.name}`),
      ...indexes.rows.map((i) => `DROP INDEX ${i.name}`),
    ].join(';\n'),
    create: [...constraints.rows.map((c) => `ALTER TABLE receipts ADD CONSTRAINT ${c.name} ${c.def}`), ...indexes.rows.map((i) => i.def)],
  };
}

/** Bulk-loads `count` receipts of BENCH_SITE (keys off meanwhile, the consent-state trigger on), then VACUUM ANALYZE. */
async function fill(pool: Pool, count: number): Promise<void> {
  const keys = await receiptKeys(pool);
  await pool.query(keys.drop);
  await pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), $1, 'pre_' || lpad((g / 3)::text, 12, '0'), md5(g::text) || md5((g + 1)::text),
            CASE WHEN g % 3 = 0 THEN NULL ELSE md5((g - 1)::text) || md5(g::text) END, 'ok',
            (ARRAY['accept-all','reject-all','preferences'])[1 + g % 3], (ARRAY['ko','ko','en','ja'])[1 + g % 4], '2024-03',
            (ARRAY['mobile','mobile','desktop','tablet'])[1 + g % 4], repeat('a', 64),
            '{analytics}', '{marketing}', '{}', '{medisian-ads}', t, t,
            repeat('{"categories":{"analytics":{"granted":true,"purpose":"분석"}}}', 10) || g,
            jsonb_build_object('schema', 'clinic-consent/ack/1', 'receiptHash', md5(g::text) || md5((g + 1)::text),
                               'serverTime', t, 'kid', 'benchkey00000000', 'signature', repeat('s', 86))
       FROM generate_series(0, $2::bigint - 1) g,
            LATERAL (SELECT now() - interval '90 days' + g * (interval '90 days' / $2) AS t) x`,
    [BENCH_SITE, count],
  );
  for (const statement of keys.create) await pool.query(statement);
  await pool.query('VACUUM ANALYZE');
}

async function admin<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the cluster whose `postgres` database is at `baseUrl`. */
export const databaseUrlOf = (baseUrl: string, name: string): string => baseUrl.replace(/\/postgres$/, `/${name}`);

/** A fresh copy of the prebuilt table as database `name` (the template is built first if this cluster lacks it). */
export async function ingestDatabase(baseUrl: string, name: string, count: number, log: (line: string) => void): Promise<Pool> {
  const template = `bench_ingest_table_${count}`;
  const exists = await admin(baseUrl, async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1);
  if (!exists) {
    const start = performance.now();
    await admin(baseUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${template}_building`);
      await client.query(`CREATE DATABASE ${template}_building`);
    });
    const pool = createPool(databaseUrlOf(baseUrl, `${template}_building`), 4);
    await migrate(pool);
    await createSite(pool, { id: BENCH_SITE, origins: [BENCH_ORIGIN] });
    await fill(pool, count);
    await pool.end();
    // Renamed only when complete, so an interrupted build is never taken for the table.
    await admin(baseUrl, (client) => client.query(`ALTER DATABASE ${template}_building RENAME TO ${template}`));
    log(`built the ${count.toLocaleString('en')}-receipt ingest table in ${((performance.now() - start) / 1000).toFixed(0)} s (kept for later runs)`);
  }
  await admin(baseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
  });
  const pool = createPool(databaseUrlOf(baseUrl, name), 20);
  await migrate(pool);
  return pool;
}
