// Right plans from the first receipt: on a fresh table that was never analyzed, the ingest function's chain
// lookups (sibling, parent, pending children) go through receipts_prev, never through receipts_site_time, which
// would read every receipt of the site. Read from PostgreSQL's own index counters, so it is the plans the function
// really cached that are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createPool } from '../src/db/pool.js';
import { checkReceipt, receiptRow } from '../src/receipts.js';
import { ReceiptWriter, type WriteResult } from '../src/writer.js';
import { chain, createTestDb, post, setup, type TestDb } from './helpers.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
  // No autovacuum analyze in the middle of the test: the table stays never-analyzed throughout.
  await db.pool.query('ALTER TABLE receipts SET (autovacuum_enabled = false)');
});
afterAll(() => db.close());

async function sequentialScans(): Promise<number> {
  await db.pool.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.pool.query<{ n: string }>("SELECT seq_scan::text AS n FROM pg_stat_user_tables WHERE relname = 'receipts'");
  return Number(rows[0]?.n ?? 0);
}

async function indexScans(): Promise<Record<string, number>> {
  await db.pool.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.pool.query<{ name: string; scans: string }>(
    "SELECT indexrelname AS name, idx_scan::text AS scans FROM pg_stat_user_indexes WHERE relname = 'receipts'",
  );
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.scans)]));
}

describe('plans on a never-analyzed table', () => {
  it('look up chain links through receipts_prev from the first receipt on', async () => {
    const { rows } = await db.pool.query<{ reltuples: number; analyzed: boolean }>(
      "SELECT reltuples, last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL AS analyzed FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = 'receipts'",
    );
    expect(rows).toEqual([{ reltuples: -1, analyzed: false }]);
    // The app on a pool of its own, closed afterwards: a backend reports its counters when it exits.
    const pool = createPool(db.url, 4);
    const { app: unused, signer } = await setup({}, db);
    await unused.close();
    const app = await buildApp({ pool, signer, rateLimit: false });
    const chains = Array.from({ length: 50 }, (_, c) => chain(4, { consentId: `plans_consent_${c}_abcdefghij` }));
    for (const links of chains) for (const receipt of links) expect((await post(app, '/v1/receipts', receipt)).statusCode).toBe(201);
    // Children before their parents too, so the pending update has rows to find.
    for (const links of Array.from({ length: 10 }, (_, c) => chain(3, { consentId: `plans_reverse_${c}_abcdefghij` }))) {
      for (const receipt of links.reverse()) expect((await post(app, '/v1/receipts', receipt)).statusCode).toBe(201);
    }
    await app.close();
    await pool.end();
    const total = 50 * 4 + 10 * 3;
    let scans = await indexScans();
    for (let i = 0; i < 100 && (scans['receipts_pkey'] ?? 0) < total; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      scans = await indexScans();
    }
    expect(scans['receipts_pkey'], 'every receipt looked up by id').toBeGreaterThanOrEqual(total);
    expect(scans['receipts_site_time'] ?? 0, 'no chain lookup reads the whole site').toBe(0);
    // Per receipt: the sibling lookup and the pending update, and the parent check for each linked receipt.
    expect(scans['receipts_prev']).toBeGreaterThanOrEqual(2 * total + (50 * 3 + 10 * 2));
    const status = await db.pool.query<{ status: string; n: string }>('SELECT chain_status AS status, count(*)::text AS n FROM receipts GROUP BY 1');
    expect(status.rows).toEqual([{ status: 'ok', n: String(total) }]);
  });

  it('store whole batches without reading receipts sequentially (plans fixed by migration 020, not by statistics)', async () => {
    const before = await sequentialScans();
    const pkeyBefore = (await indexScans())['receipts_pkey'] ?? 0;
    const { signer } = await setup({}, db);
    // A pool of its own, closed afterwards: a backend reports its counters when it exits.
    const pool = createPool(db.url, 4);
    const writer = new ReceiptWriter(pool, signer);
    const now = new Date();
    // Interleaved chains, children first, in batches of up to 64: every chain lookup of the set-based statements.
    const links = Array.from({ length: 40 }, (_, c) => chain(4, { consentId: `plans_batch_${c}_abcdefghij` })).flatMap((one) => one.reverse());
    const answers = await Promise.all(
      links.map((receipt) => writer.write(receiptRow(receipt, checkReceipt(receipt), now))),
    );
    expect(answers.map((answer: WriteResult) => answer.r_outcome)).toEqual(links.map(() => 'new'));
    await pool.end();
    // Each receipt's id is looked up in receipts_pkey: once those scans are counted, so is everything the writer did.
    for (let i = 0; i < 100 && ((await indexScans())['receipts_pkey'] ?? 0) < pkeyBefore + links.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await indexScans())['receipts_pkey'] ?? 0).toBeGreaterThanOrEqual(pkeyBefore + links.length);
    expect(await sequentialScans(), 'no sequential scan of receipts while storing').toBe(before);
    const check = await db.pool.query<{ n: string }>("SELECT count(*)::text AS n FROM receipts WHERE consent_id LIKE 'plans_batch_%' AND chain_status = 'ok'");
    expect(check.rows[0]?.n, 'every link verified at the end of its batch').toBe(String(links.length));
  });
});
