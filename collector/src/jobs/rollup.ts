/**
 * The daily rollup job: from the watermark (last completed day) up to yesterday, rebuild each day's aggregates
 * from raw rows in one transaction and advance the watermark. Ingest never touches the rollups, so inserts never
 * queue on a shared counter row; stats read days after the watermark from raw rows.
 */
import { transaction, type Pool } from '../db/pool.js';

export interface RollupResult {
  readonly days: readonly string[];
  readonly watermark: string | null;
}

const DAY_MS = 86_400_000;
/** A day is rolled up only this long after it ended, so receipts still in flight at midnight are included. */
export const ROLLUP_GRACE_MS = 10 * 60_000;

const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

export async function runRollup(pool: Pool, now: Date): Promise<RollupResult> {
  const lastComplete = dayOf(now.getTime() - ROLLUP_GRACE_MS - DAY_MS);
  const state = await pool.query<{ watermark: string }>("SELECT watermark::text FROM job_state WHERE name = 'rollup'");
  let watermark = state.rows[0]?.watermark ?? null;
  if (watermark === null) {
    const first = await pool.query<{ day: string | null }>(
      `SELECT least((SELECT min(received_at) FROM receipts), (SELECT min(received_at) FROM impressions))::date::text AS day`,
    );
    const firstDay = first.rows[0]?.day;
    watermark = firstDay ? dayOf(Date.parse(firstDay) - DAY_MS) : lastComplete;
    await pool.query("INSERT INTO job_state (name, watermark) VALUES ('rollup', $1) ON CONFLICT (name) DO NOTHING", [watermark]);
  }
  const days: string[] = [];
  for (let t = Date.parse(watermark) + DAY_MS; dayOf(t) <= lastComplete; t += DAY_MS) {
    const day = dayOf(t);
    await rollupDay(pool, day);
    days.push(day);
    watermark = day;
  }
  return { days, watermark };
}

/** Rebuilds one day for all sites and moves the watermark to it, atomically. */
export async function rollupDay(pool: Pool, day: string): Promise<void> {
  const rangeOf = (column: string): string =>
    `${column} >= $1::date::timestamp AT TIME ZONE 'UTC' AND ${column} < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`;
  const range = rangeOf('received_at');
  await transaction(pool, async (client) => {
    for (const table of ['rollup_receipts', 'rollup_items', 'rollup_impressions']) {
      await client.query(`DELETE FROM ${table} WHERE day = $1`, [day]);
    }
    await client.query(
      `INSERT INTO rollup_receipts (site_id, day, locale, policy_version, device_class, method, n, n_opt_in)
       SELECT site_id, $1::date, locale, policy_version, device_class, method, count(*),
              count(*) FILTER (WHERE cardinality(granted) > 0 AND method <> 'withdraw')
         FROM receipts WHERE ${range} GROUP BY site_id, locale, policy_version, device_class, method`,
      [day],
    );
    await client.query(
      `INSERT INTO rollup_items (site_id, day, locale, policy_version, device_class, kind, item, n_granted, n_total)
       SELECT r.site_id, $1::date, r.locale, r.policy_version, r.device_class, x.kind, x.item, sum(x.g), count(*)
         FROM receipts r CROSS JOIN LATERAL (
           SELECT 'category' AS kind, unnest(r.granted) AS item, 1 AS g UNION ALL SELECT 'category', unnest(r.denied), 0
           UNION ALL SELECT 'service', unnest(r.granted_svc), 1 UNION ALL SELECT 'service', unnest(r.denied_svc), 0) x
        WHERE ${rangeOf('r.received_at')} AND r.method <> 'withdraw'
        GROUP BY r.site_id, r.locale, r.policy_version, r.device_class, x.kind, x.item`,
      [day],
    );
    await client.query(
      `INSERT INTO rollup_impressions (site_id, day, locale, policy_version, device_class, n)
       SELECT site_id, $1::date, locale, policy_version, device_class, count(*)
         FROM impressions WHERE ${range} GROUP BY site_id, locale, policy_version, device_class`,
      [day],
    );
    await client.query(
      "INSERT INTO job_state (name, watermark) VALUES ('rollup', $1) ON CONFLICT (name) DO UPDATE SET watermark = GREATEST(job_state.watermark, EXCLUDED.watermark)",
      [day],
    );
  });
}
