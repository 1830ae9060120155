/**
 * The daily rollup job: from the watermark (last completed day) up to yesterday, rebuild each day's aggregates
 * from raw rows in one transaction and advance the watermark. Ingest never touches the rollups, so inserts never
 * queue on a shared counter row; stats read days after the watermark from raw rows.
 *
 * Latest decisions (`rollup_state`, `rollup_state_items`) also change after their day was rolled up, when a consent
 * id decides again: ingest appends the rows that leave `consent_state` to `consent_state_changes` (migration 026),
 * and each run first folds those into the rolled-up days, then builds the new days. A run costs the days it adds
 * and the changes since the last run, never the history.
 */
import { transaction, type Pool, type PoolClient } from '../db/pool.js';
import { tryJobLock, waitForJobLock } from './lock.js';

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
  return (await underRollupLock(pool, false, (client) => rollupUntil(client, now))) ?? { days: [], watermark: null };
}

/**
 * Runs `work` in a REPEATABLE READ transaction that holds the rollup's locks (or returns `undefined` when another
 * instance holds them and `wait` is false): folding the changes and building new days must see one snapshot, or a
 * change committed between the two would be counted twice or never. The snapshot is taken after the lock is held:
 * `LOCK TABLE` takes none, while a `SELECT` of an advisory lock would take it before waiting, and a snapshot from
 * before another instance's run committed would fold and build that run's days again. The job's advisory lock is
 * taken too, for instances of an earlier version during an upgrade.
 */
async function underRollupLock<T>(pool: Pool, wait: boolean, work: (client: PoolClient) => Promise<T>): Promise<T | undefined> {
  try {
    return await transaction(pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await client.query(`LOCK TABLE rollup_state IN SHARE ROW EXCLUSIVE MODE${wait ? '' : ' NOWAIT'}`);
      if (wait) await waitForJobLock(client, 'rollup');
      else if (!(await tryJobLock(client, 'rollup'))) return undefined;
      return work(client);
    });
  } catch (error) {
    // lock_not_available: another instance is rolling up (or, rarely, autovacuum holds the table for a moment): the
    // next interval's run does the work.
    if (!wait && (error as { code?: string }).code === '55P03') return undefined;
    throw error;
  }
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
  // Before the new days are built: the fold adds only changes of days up to the watermark it is given.
  await pool.query('SELECT rollup_state_fold($1)', [watermark]);
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
  // Waits for a run on another instance rather than skipping: the caller asked for this day.
  await underRollupLock(pool, true, async (client) => {
    const state = await client.query<{ watermark: string }>("SELECT watermark::text FROM job_state WHERE name = 'rollup'");
    await client.query('SELECT rollup_state_fold($1)', [state.rows[0]?.watermark ?? null]);
    await rebuildDay(client, day);
  });
}

async function rebuildDay(client: PoolClient, day: string): Promise<void> {
  // The sites of one zone share the day's bounds, so each query is a range on (site_id, received_at).
  const range = `site_id = ANY($2) AND received_at >= $1::date::timestamp AT TIME ZONE $3 AND received_at < ($1::date + 1)::timestamp AT TIME ZONE $3`;
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
    // Latest decisions of the day as they stand in this snapshot (changes seen by it were folded before).
    await client.query('DELETE FROM rollup_state WHERE site_id = ANY($2) AND day = $1', [day, ids]);
    await client.query('DELETE FROM rollup_state_items WHERE site_id = ANY($2) AND day = $1', [day, ids]);
    await client.query('SELECT rollup_state_add($2, $3, $1, $1)', [day, ids, zone]);
  }
  await client.query(
    "INSERT INTO job_state (name, watermark) VALUES ('rollup', $1) ON CONFLICT (name) DO UPDATE SET watermark = GREATEST(job_state.watermark, EXCLUDED.watermark)",
    [day],
  );
}
