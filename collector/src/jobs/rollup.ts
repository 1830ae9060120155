/**
 * The daily rollup job: from the watermark (last completed day) up to yesterday, rebuild each day's aggregates
 * from raw rows in one transaction and advance the watermark. Ingest never touches the rollups, so inserts never
 * queue on a shared counter row; stats read days after the watermark from raw rows.
 */
import { transaction, type Pool, type PoolClient } from '../db/pool.js';
import { exclusively, waitForJobLock } from './lock.js';

export interface RollupResult {
  readonly days: readonly string[];
  readonly watermark: string | null;
}

const DAY_MS = 86_400_000;
/** A day is rolled up only this long after it ended, so receipts still in flight at midnight are included. */
export const ROLLUP_GRACE_MS = 10 * 60_000;

const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

/**
 * One instance at a time (see `lock.ts`), all days of a run in the lock's transaction: an instance that finds
 * another rolling up skips the run (days `[]`, its watermark unknown: `null`) instead of rebuilding the same days.
 */
export async function runRollup(pool: Pool, now: Date): Promise<RollupResult> {
  return (await exclusively(pool, 'rollup', (client) => rollupUntil(client, now))) ?? { days: [], watermark: null };
}

async function rollupUntil(pool: PoolClient, now: Date): Promise<RollupResult> {
  // Days are each site's days: a day is complete once it has ended in every site's time zone (the westernmost last).
  const ended = await pool.query<{ day: string | null }>(
    `SELECT (min((($1::timestamptz - make_interval(secs => $2)) AT TIME ZONE time_zone)::date) - 1)::text AS day FROM sites`,
    [now, ROLLUP_GRACE_MS / 1000],
  );
  const lastComplete = ended.rows[0]?.day ?? dayOf(now.getTime() - ROLLUP_GRACE_MS - DAY_MS);
  const state = await pool.query<{ watermark: string }>("SELECT watermark::text FROM job_state WHERE name = 'rollup'");
  let watermark = state.rows[0]?.watermark ?? null;
  if (watermark === null) {
    const first = await pool.query<{ day: string | null }>(
      // The earliest arrival, a day early: in a zone east of UTC its day begins the UTC day before.
      `SELECT (least((SELECT min(received_at) FROM receipts), (SELECT min(received_at) FROM impressions)) AT TIME ZONE 'UTC')::date::text AS day`,
    );
    const firstDay = first.rows[0]?.day;
    watermark = firstDay ? dayOf(Date.parse(firstDay) - 2 * DAY_MS) : lastComplete;
    await pool.query("INSERT INTO job_state (name, watermark) VALUES ('rollup', $1) ON CONFLICT (name) DO NOTHING", [watermark]);
  }
  const days: string[] = [];
  for (let t = Date.parse(watermark) + DAY_MS; dayOf(t) <= lastComplete; t += DAY_MS) {
    const day = dayOf(t);
    await rebuildDay(pool, day);
    days.push(day);
    watermark = day;
  }
  return { days, watermark };
}

/** Rebuilds one day (of each site's own time zone) for all sites and moves the watermark to it, atomically. */
export async function rollupDay(pool: Pool, day: string): Promise<void> {
  await transaction(pool, async (client) => {
    // Waits for a run on another instance rather than skipping: the caller asked for this day.
    await waitForJobLock(client, 'rollup');
    await rebuildDay(client, day);
  });
}

async function rebuildDay(client: PoolClient, day: string): Promise<void> {
  // The sites of one zone share the day's bounds, so each query is a range on (site_id, received_at).
  const range = `site_id = ANY($2) AND received_at >= $1::date::timestamp AT TIME ZONE $3 AND received_at < ($1::date + 1)::timestamp AT TIME ZONE $3`;
  // Opt-in per category and service is read from consent_state (latest decisions), so it has no rollup.
  for (const table of ['rollup_receipts', 'rollup_impressions']) {
    await client.query(`DELETE FROM ${table} WHERE day = $1`, [day]);
  }
  const zones = await client.query<{ time_zone: string; ids: string[] }>('SELECT time_zone, array_agg(id) AS ids FROM sites GROUP BY time_zone');
  for (const { time_zone: zone, ids } of zones.rows) {
    await client.query(
      `INSERT INTO rollup_receipts (site_id, day, locale, policy_version, device_class, method, n, n_opt_in)
       SELECT site_id, $1::date, locale, policy_version, device_class, method, count(*),
              count(*) FILTER (WHERE cardinality(granted) > 0 AND method <> 'withdraw')
         FROM receipts WHERE ${range} GROUP BY site_id, locale, policy_version, device_class, method`,
      [day, ids, zone],
    );
    await client.query(
      `INSERT INTO rollup_impressions (site_id, day, locale, policy_version, device_class, n)
       SELECT site_id, $1::date, locale, policy_version, device_class, count(*)
         FROM impressions WHERE ${range} GROUP BY site_id, locale, policy_version, device_class`,
      [day, ids, zone],
    );
  }
  await client.query(
    "INSERT INTO job_state (name, watermark) VALUES ('rollup', $1) ON CONFLICT (name) DO UPDATE SET watermark = GREATEST(job_state.watermark, EXCLUDED.watermark)",
    [day],
  );
}
