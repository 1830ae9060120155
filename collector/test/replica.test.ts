// A read replica (DATABASE_READ_URL) serves the stats, the CSV and the dashboard's charts, so reporting never slows
// ingest; the audit log, proofs and sessions stay on the primary. The "replica" here is another database holding
// older data, reached through a role whose transactions are read-only: a write sent to it fails, so any write routed
// to the read pool fails the test, and the counts show which database each read came from.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createToken } from '../src/auth.js';
import { loadConfig } from '../src/config.js';
import { createPool, type Pool } from '../src/db/pool.js';
import { startCollector } from '../src/start.js';
import { createTestDb, draft, ORIGIN, post, seal, setup, SITE, type TestDb } from './helpers.js';

let primary: Awaited<ReturnType<typeof setup>>;
let replica: Awaited<ReturnType<typeof setup>>;
let readPool: Pool;
let readUrl: string;
let admin: string;
const role = `reader_${randomUUID().slice(0, 8)}`;
const today = new Date().toISOString().slice(0, 10);
const range = `from=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}&to=${today}`;
const onlyOnPrimary = 'replica_test_primary_only_0';

/** Posts one accept-all receipt for each of `n` consent ids. */
async function decisions(app: Awaited<ReturnType<typeof setup>>['app'], prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await post(app, '/v1/receipts', seal(draft({ consentId: `${prefix}_${i}`, clientTime: new Date().toISOString() })));
    expect(res.statusCode).toBe(201);
  }
}

async function auditActions(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY 1');
  return rows.map((row) => row.action);
}

beforeAll(async () => {
  replica = await setup();
  await decisions(replica.app, 'replica_test_replica_only', 3);
  await replica.app.close();

  const su = new pg.Client({ connectionString: inject('pgUrl') });
  await su.connect();
  await su.query(`CREATE ROLE ${role} LOGIN PASSWORD 'read-only-pw'`);
  await su.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
  await su.query(`GRANT pg_read_all_data TO ${role}`);
  await su.end();
  const url = new URL(replica.db.url);
  url.username = role;
  url.password = 'read-only-pw';
  readUrl = url.toString();
  readPool = createPool(readUrl, 5);

  const db = await createTestDb();
  primary = await setup({ readPool }, db);
  await decisions(primary.app, 'replica_test_primary_only', 5);
  admin = await createToken(primary.pool, null);
});
afterAll(async () => {
  await primary.app.close();
  await readPool.end();
  await primary.db.close();
  await replica.db.close();
});

const get = (url: string) => primary.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });

describe('a read replica', () => {
  it('refuses writes through the read pool, so a misrouted write cannot pass unnoticed', async () => {
    await expect(readPool.query("INSERT INTO audit_log (actor, action) VALUES ('test', 'stats.read')")).rejects.toThrow(/read-only transaction/);
  });

  it('answers the stats, the CSV and the dashboard from the replica, and audits each on the primary', async () => {
    const stats = await get(`/v1/sites/${SITE}/stats?${range}`);
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json<{ totals: { decisions: number } }>().totals.decisions, "the replica's 3 consent ids, not the primary's 5").toBe(3);

    const csv = await get(`/v1/sites/${SITE}/stats.csv?${range}&table=summary`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.split('\r\n')[1], 'the summary row counts the replica').toMatch(/^[^,]+,3,3,/);

    const page = await get(`/dashboard/sites/${SITE}?${range}&lang=en`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('3 / 3');

    expect(await auditActions(primary.pool)).toEqual(['dashboard.view', 'stats.export', 'stats.read']);
    expect(await auditActions(readPool), 'nothing was written to the replica').toEqual([]);
  });

  it('builds proofs from the primary, which has receipts the replica has not received yet', async () => {
    const api = await get(`/v1/sites/${SITE}/consents/${onlyOnPrimary}`);
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json<{ receipts: unknown[] }>().receipts).toHaveLength(1);
    const page = await get(`/dashboard/sites/${SITE}/consents?consentId=${onlyOnPrimary}&lang=en`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body, 'the receipt the replica lacks is in the history').toContain('Accepted all');
    expect(await auditActions(primary.pool)).toEqual(expect.arrayContaining(['proof.export', 'proof.lookup']));
  });
});

describe('DATABASE_READ_URL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('is refused without DATABASE_URL, naming both variables', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: readUrl })).toThrow(/DATABASE_READ_URL is set without DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: db.url, DATABASE_READ_URL: 'mysql://x' })).toThrow(/^DATABASE_READ_URL is invalid/);
  });

  it('sends a started collector’s stats to the replica while receipts go to the primary', async () => {
    const running = await startCollector({ port: 0, databaseUrl: db.url, databaseReadUrl: readUrl, dataDir: mkdtempSync(join(tmpdir(), 'cc-replica-')), siteOrigins: [ORIGIN] });
    try {
      // The demo site of startCollector is "demo-clinic", the same id the replica's data belongs to.
      const receipt = seal(draft({ siteId: running.siteId, consentId: 'replica_test_started_0', clientTime: new Date().toISOString() }));
      const stored = await fetch(`${running.url}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN }, body: JSON.stringify(receipt) });
      expect(stored.status).toBe(201);
      const res = await fetch(`${running.url}/v1/sites/${running.siteId}/stats?${range}`, { headers: { authorization: `Bearer ${running.adminLogin}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { totals: { decisions: number } }).totals.decisions, "the replica's count").toBe(3);
      const { rows } = await db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM receipts');
      expect(rows[0]?.n, 'the receipt was stored on the primary').toBe('1');
    } finally {
      await running.close();
    }
  });
});
