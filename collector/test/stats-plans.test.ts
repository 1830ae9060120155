// The stats a dashboard asks for must cost in proportion to the site and the period asked, never to the whole
// table: every statement the stats page, the CSV and the overview send is EXPLAINed on analyzed tables of many
// sites, and none may read `receipts`, `consent_state` or `impressions` by a sequential scan (10 M receipts would
// make that seconds). Whatever statement is added to these paths later is caught too: the statements are recorded
// as they are sent, not listed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOverview } from '../src/stats/overview.js';
import { queryFacets, queryStats } from '../src/stats/query.js';
import { createTestDb, type TestDb } from './helpers.js';
import { indexes, nodesOf, planOf as planIn, recording, seqScans as seqScansOf, type PlanNode } from './plan-check.js';

const SITES = 30;
const RECEIPTS = 12_000;
const BIG_TABLES = ['receipts', 'consent_state', 'impressions'];
let db: TestDb;
const planOf = (text: string, values: unknown[] = []): Promise<PlanNode> => planIn(db.pool, text, values);
const seqScans = (plan: PlanNode): string[] => seqScansOf(plan, BIG_TABLES);
const now = new Date();
const today = now.toISOString().slice(0, 10);
const first = new Date(now.getTime() - 89 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await createTestDb();
  await db.pool.query(
    `INSERT INTO sites (id, name, time_zone) SELECT 'plan-site-' || s, 'Plan site ' || s, (ARRAY['Asia/Seoul','UTC','Asia/Tokyo'])[1 + s % 3]
       FROM generate_series(1, $1::int) s`,
    [SITES],
  );
  // Receipts over a year (the 90 days asked are a part of it), round-robin over the sites, about one consent id in three deciding twice.
  await db.pool.query(
    `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                           text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
     SELECT gen_random_uuid(), 'plan-site-' || (1 + g % $2), 'plan_consent_' || (g % ($1 * 2 / 3)), md5(g::text), NULL, 'ok',
            (ARRAY['accept-all','reject-all','preferences','withdraw'])[1 + g % 4], (ARRAY['ko','en','ja'])[1 + g % 3], '2026-01', 'mobile', 't',
            CASE WHEN g % 4 = 0 THEN '{analytics}'::text[] ELSE '{}' END, '{}', '{}', '{}', t, t, '{}', '{}'
       FROM generate_series(1, $1::int) g, LATERAL (SELECT $3::timestamptz - (g * interval '365 days' / $1) AS t) x`,
    [RECEIPTS, SITES, now],
  );
  await db.pool.query(
    `INSERT INTO impressions (id, site_id, day, locale, policy_version, sdk_version, device_class, received_at)
     SELECT gen_random_uuid(), 'plan-site-' || (1 + g % $2), t::date, 'ko', '2026-01', '0.1.0', 'mobile', t
       FROM generate_series(1, $1::int) g, LATERAL (SELECT $3::timestamptz - (g * interval '365 days' / $1) AS t) x`,
    [RECEIPTS, SITES, now],
  );
  // Rolled up to yesterday (the rollup tables themselves are small; what matters is the raw part after them).
  await db.pool.query("INSERT INTO job_state (name, watermark) VALUES ('rollup', $1::date - 1)", [today]);
  await db.pool.query('ANALYZE');
});
afterAll(async () => {
  await db.close();
});

describe('stats plans over many sites', () => {
  it('read no big table by a sequential scan for the 90-day stats, the filters, the CSV and the overview', async () => {
    const { pool, statements } = recording(db.pool);
    const report = await queryStats(pool, { siteId: 'plan-site-7', from: first, to: today });
    expect(report.totals.decisions, 'the data set is there').toBeGreaterThan(0);
    await queryStats(pool, { siteId: 'plan-site-7', from: first, to: today, locale: 'ko', deviceClass: 'mobile' });
    await queryFacets(pool, 'plan-site-7');
    await queryOverview(pool, ['plan-site-1', 'plan-site-2', 'plan-site-3'], first, today);
    await queryOverview(pool, null, first, today);
    // Three per report (watermark and zone, decisions and views, items), the facets, two overviews.
    expect(statements.length).toBeGreaterThanOrEqual(9);
    for (const { text, values } of statements) {
      const plan = await planOf(text, values);
      expect(seqScans(plan), `sequential scans in:\n${text}`).toEqual([]);
      // Decisions are read by the (site, time) range, not by walking the site's every consent id in key order.
      if (/FROM consent_state/.test(text)) expect(indexes(plan), text).toContain('consent_state_site_time');
    }
  });

  // Regression: the zone came from a subquery inside the range bounds, so the planner could not see them and
  // expected a few dozen rows for a range of millions (and planned for that: no parallel scan, nested loops).
  // Days after the rollup watermark are read raw: with nothing rolled up, that is the whole range.
  it('estimates the rows of the 90-day range from the real bounds', async () => {
    const { pool, statements } = recording(db.pool);
    await db.pool.query("UPDATE job_state SET watermark = $1::date - 1 WHERE name = 'rollup'", [first]);
    await queryStats(pool, { siteId: 'plan-site-7', from: first, to: today });
    await db.pool.query("UPDATE job_state SET watermark = $1::date - 1 WHERE name = 'rollup'", [today]);
    const dims = statements.find((s) => s.text.includes('FROM consent_state WHERE'));
    const { rows } = await db.pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${dims?.text ?? ''}`, dims?.values);
    const scan = nodesOf(rows[0]?.['QUERY PLAN'][0]?.Plan ?? { 'Node Type': 'none' }).find((node) => node['Relation Name'] === 'consent_state');
    const [planned, actual] = [scan?.['Plan Rows'] ?? 0, scan?.['Actual Rows'] ?? 0];
    expect(actual, 'the site has decisions in the range').toBeGreaterThan(50);
    expect(planned / actual, `planned ${planned} rows for ${actual}`).toBeGreaterThan(0.3);
    expect(planned / actual, `planned ${planned} rows for ${actual}`).toBeLessThan(3);
  });

  it('would see a sequential scan (the check can fail)', async () => {
    expect(seqScans(await planOf("SELECT count(*) FROM receipts WHERE locale = 'ko'"))).toEqual(['receipts']);
  });

  it("finds a site's last receipt by one probe of its own index, even for a site that stopped sending", async () => {
    const statements = recording(db.pool);
    await queryOverview(statements.pool, ['plan-site-4'], first, today);
    const overview = statements.statements.find((s) => s.text.includes('ORDER BY r.site_id DESC'));
    expect(indexes(await planOf(overview?.text ?? '', overview?.values))).toContain('receipts_site_time');
  });
});
