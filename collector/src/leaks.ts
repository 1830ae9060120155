/**
 * Stores leak reports (schema/leak.v1.schema.json) as one row per site, page and tracker with its first and last
 * sighting, plus the number of reporting browsers per day; and reads them back for the dashboard. Growth is
 * bounded: rows per site, days kept per row and report ids kept for duplicates. The route checks origin and limits.
 */
import type { LeakReportV1 } from '../../schema/types.js';
import { transaction, type Pool } from './db/pool.js';

const DAY_MS = 86_400_000;
/** Page and tracker pairs kept per site: a hostile sender inventing paths fills this, not the disk. */
export const MAX_LEAKS_PER_SITE = 1000;
/** Days of browser counts kept per pair. */
export const LEAK_DAYS_KEPT = 90;
/** How long a report id is remembered: a browser's outbox resends within its backoff, well under this. */
const REPORT_IDS_KEPT_MS = 2 * DAY_MS;
/** A leak not seen for this long is shown as probably fixed. */
export const FIXED_AFTER_DAYS = 7;

/** Returns false for a resend of a report already counted. */
export async function storeLeak(pool: Pool, report: LeakReportV1, receivedAt: Date, maxPerSite = MAX_LEAKS_PER_SITE): Promise<boolean> {
  const path = report.path ?? '';
  const sensitive = report.sensitive ?? -1;
  const day = receivedAt.toISOString().slice(0, 10);
  return transaction(pool, async (client) => {
    const fresh = await client.query('INSERT INTO leak_reports (id, received_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [report.id, receivedAt]);
    if (fresh.rowCount !== 1) return false;
    await client.query('DELETE FROM leak_reports WHERE received_at < $1', [new Date(receivedAt.getTime() - REPORT_IDS_KEPT_MS)]);
    // A pair already known is always updated; a new one only while the site is under its cap.
    await client.query(
      `INSERT INTO leaks (site_id, path, sensitive, tracker, first_seen, last_seen)
       SELECT $1, $2, $3, t.tracker, $5, $5 FROM unnest($4::text[]) AS t(tracker)
        WHERE EXISTS (SELECT 1 FROM leaks l WHERE l.site_id = $1 AND l.path = $2 AND l.sensitive = $3 AND l.tracker = t.tracker)
           OR (SELECT count(*) FROM leaks WHERE site_id = $1) < $6
       ON CONFLICT (site_id, path, sensitive, tracker) DO UPDATE
         SET first_seen = LEAST(leaks.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(leaks.last_seen, EXCLUDED.last_seen)`,
      [report.siteId, path, sensitive, report.trackers, receivedAt, maxPerSite],
    );
    await client.query(
      `INSERT INTO leak_days (site_id, path, sensitive, tracker, day, browsers)
       SELECT site_id, path, sensitive, tracker, $5, 1 FROM leaks WHERE site_id = $1 AND path = $2 AND sensitive = $3 AND tracker = ANY($4::text[])
       ON CONFLICT (site_id, path, sensitive, tracker, day) DO UPDATE SET browsers = leak_days.browsers + 1`,
      [report.siteId, path, sensitive, report.trackers, day],
    );
    await client.query('DELETE FROM leak_days WHERE site_id = $1 AND path = $2 AND sensitive = $3 AND day < $4', [
      report.siteId,
      path,
      sensitive,
      new Date(receivedAt.getTime() - LEAK_DAYS_KEPT * DAY_MS).toISOString().slice(0, 10),
    ]);
    return true;
  });
}

/** One page and tracker as the dashboard lists it. */
export interface LeakRow {
  /** The reported path prefix (percent-encoded), or null on a sensitive page. */
  readonly path: string | null;
  /** The index of the sensitive rule, or null. */
  readonly sensitive: number | null;
  readonly tracker: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Reporting browsers over the days kept. */
  readonly browsers: number;
  /** Not seen for FIXED_AFTER_DAYS days. */
  readonly fixed: boolean;
}

/** The site's leaks, those still happening first, then the most recent. */
export async function queryLeaks(pool: Pool, siteId: string, now: Date, limit = 200): Promise<LeakRow[]> {
  const { rows } = await pool.query<{ path: string; sensitive: number; tracker: string; first_seen: Date; last_seen: Date; browsers: string | null }>(
    `SELECT l.path, l.sensitive, l.tracker, l.first_seen, l.last_seen,
            (SELECT sum(d.browsers) FROM leak_days d
              WHERE (d.site_id, d.path, d.sensitive, d.tracker) = (l.site_id, l.path, l.sensitive, l.tracker)) AS browsers
       FROM leaks l WHERE l.site_id = $1
      ORDER BY l.last_seen < $2, l.last_seen DESC, l.path, l.sensitive, l.tracker
      LIMIT $3`,
    [siteId, new Date(now.getTime() - FIXED_AFTER_DAYS * DAY_MS), limit],
  );
  return rows.map((row) => ({
    path: row.sensitive < 0 ? row.path : null,
    sensitive: row.sensitive < 0 ? null : row.sensitive,
    tracker: row.tracker,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
    browsers: Number(row.browsers ?? 0),
    fixed: now.getTime() - row.last_seen.getTime() >= FIXED_AFTER_DAYS * DAY_MS,
  }));
}
