/**
 * Consent statistics for one site and a day range. Decisions come from each consent id's latest state (one row per
 * consent id, kept at ingest), banner views from the impressions: both from the daily rollups up to the rollup
 * watermark (latest decisions corrected by the changes since, migration 026) and from raw rows after it, all in one
 * snapshot. Only reads; knows nothing of HTTP or HTML.
 */
import { transaction, type Pool, type PoolClient } from '../db/pool.js';
import { CollectorError } from '../errors.js';

export interface StatsQuery {
  readonly siteId: string;
  /** First day, YYYY-MM-DD (a day of the site's time zone, by the collector's receive time). */
  readonly from: string;
  /** Last day, inclusive. */
  readonly to: string;
  readonly locale?: string;
  readonly policyVersion?: string;
  readonly deviceClass?: string;
}

/**
 * Every count of consent ids is by each consent id's latest decision (the `consent_state` table), once: a consent
 * id that accepted and later withdrew is a withdrawal, not a consent. A consent id is a browser, not a person: one
 * patient on two devices is two consent ids. Only the no-choice rate is about banner views.
 */
export interface Rates {
  /** Banner views (one per tab session that showed the banner). */
  readonly impressions: number;
  /** Consent ids whose latest decision falls in the period. */
  readonly decisions: number;
  readonly acceptAll: number;
  readonly rejectAll: number;
  readonly custom: number;
  readonly gpc: number;
  /** Consent ids whose latest decision is a withdrawal. */
  readonly withdrawals: number;
  /** Consent ids whose latest decision allows at least one optional category. */
  readonly optIn: number;
  /** optIn / decisions. */
  readonly consentRate: number;
  readonly acceptAllRate: number;
  /** (reject all + refusals by the browser's GPC signal) / decisions. */
  readonly rejectAllRate: number;
  readonly customRate: number;
  readonly withdrawalRate: number;
  /** Banner views that ended without a decision / banner views. */
  readonly noChoiceRate: number;
  /** No banner view and no decision: nothing to draw (a gap, not 0 %). */
  readonly empty: boolean;
}

export interface ItemRate {
  readonly kind: 'category' | 'service';
  readonly id: string;
  readonly granted: number;
  readonly total: number;
  readonly rate: number;
}

export interface StatsReport {
  readonly query: StatsQuery;
  /** The site's time zone: every day here starts at its midnight. */
  readonly timeZone: string;
  readonly watermark: string | null;
  readonly totals: Rates;
  readonly byDay: ReadonlyArray<{ key: string } & Rates>;
  readonly byLocale: ReadonlyArray<{ key: string } & Rates>;
  readonly byPolicyVersion: ReadonlyArray<{ key: string } & Rates>;
  readonly byDeviceClass: ReadonlyArray<{ key: string } & Rates>;
  readonly items: readonly ItemRate[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3660;

/** A real calendar day: 2026-02-30 matches the pattern but would make PostgreSQL fail the whole query. */
function isDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return DAY.test(value) && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function validateRange(from: string, to: string): void {
  if (!isDay(from)) throw new CollectorError('CC_ERR_QUERY', `from "${from}" is not a YYYY-MM-DD day`);
  if (!isDay(to)) throw new CollectorError('CC_ERR_QUERY', `to "${to}" is not a YYYY-MM-DD day`);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw new CollectorError('CC_ERR_QUERY', 'from is after to');
  if (days > MAX_DAYS) throw new CollectorError('CC_ERR_QUERY', `the range is longer than ${MAX_DAYS} days`);
}

interface Counts {
  impressions: number;
  methods: Record<string, number>;
  optIn: number;
}

function emptyCounts(): Counts {
  return { impressions: 0, methods: {}, optIn: 0 };
}

function ratesOf(counts: Counts): Rates {
  const m = (name: string): number => counts.methods[name] ?? 0;
  const decisions = m('accept-all') + m('reject-all') + m('preferences') + m('gpc') + m('withdraw');
  const share = (n: number): number => (decisions === 0 ? 0 : n / decisions);
  // Views are sent once per tab session and may be blocked by the browser; a choice made in a later session
  // has no view of its own. Never let the no-choice rate go below 0 %.
  const views = Math.max(counts.impressions, decisions);
  return {
    impressions: counts.impressions,
    decisions,
    acceptAll: m('accept-all'),
    rejectAll: m('reject-all'),
    custom: m('preferences'),
    gpc: m('gpc'),
    withdrawals: m('withdraw'),
    optIn: counts.optIn,
    consentRate: share(counts.optIn),
    acceptAllRate: share(m('accept-all')),
    rejectAllRate: share(m('reject-all') + m('gpc')),
    customRate: share(m('preferences')),
    withdrawalRate: share(m('withdraw')),
    noChoiceRate: views === 0 ? 0 : (views - decisions) / views,
    empty: counts.impressions === 0 && decisions === 0,
  };
}

interface Groups {
  day: Map<string, Counts>;
  locale: Map<string, Counts>;
  policy: Map<string, Counts>;
  device: Map<string, Counts>;
}

/** Counts by one dimension (of `Groups`) and method; `method` null for banner views. */
interface DimRow {
  dim: keyof Groups;
  key: string;
  method: string | null;
  n: string;
  n_opt_in: string;
}

export async function queryStats(pool: Pool, query: StatsQuery): Promise<StatsReport> {
  validateRange(query.from, query.to);
  // One snapshot for the watermark and every count: a rollup run committing in between would otherwise move days
  // from the raw part into the rollups under the report and count them twice or never.
  return transaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return reportOf(client, query);
  });
}

async function reportOf(client: PoolClient, query: StatsQuery): Promise<StatsReport> {
  // The zone and watermark are read first and sent as values, so the planner sees the real bounds of each range
  // (through a subquery it could not, and guessed a few dozen rows for a 90-day range of millions).
  const head = await client.query<{ watermark: string | null; time_zone: string | null }>(
    "SELECT (SELECT watermark::text FROM job_state WHERE name = 'rollup') AS watermark, (SELECT time_zone FROM sites WHERE id = $1) AS time_zone",
    [query.siteId],
  );
  const watermark = head.rows[0]?.watermark ?? null;
  const timeZone = head.rows[0]?.time_zone ?? 'UTC';
  const params = [query.siteId, query.from, query.to, watermark ?? '1970-01-01', query.locale ?? null, query.policyVersion ?? null, query.deviceClass ?? null, timeZone];
  const filters = `($5::text IS NULL OR locale = $5) AND ($6::text IS NULL OR policy_version = $6) AND ($7::text IS NULL OR device_class = $7)`;
  // Days are the site's days: midnight in its time zone (a Seoul clinic's day does not start at 09:00).
  const zone = '$8::text';
  /** The instant a day (a date expression) begins in the site's zone. */
  const midnight = (day: string): string => `(${day})::timestamp AT TIME ZONE ${zone}`;
  const dayOf = `(received_at AT TIME ZONE ${zone})::date`;
  // Rolled-up days (up to the watermark) come from the rollups; the later ones from raw rows, by a range on
  // received_at so the (site_id, received_at) indexes apply.
  const rolledDays = `day BETWEEN $2 AND LEAST($3::date, $4::date)`;
  const rawRange = `received_at >= ${midnight('GREATEST($2::date, $4::date + 1)')} AND received_at < ${midnight('$3::date + 1')}`;
  // Decisions of rolled-up days that changed since their rollup (migration 026): the rollup plus these is exact.
  const changedRange = `received_at >= ${midnight('$2::date')} AND received_at < ${midnight('LEAST($3::date, $4::date) + 1')}`;
  const optIn = `cardinality(granted) > 0 AND method <> 'withdraw'`;
  const dims = await client.query<DimRow>(
    // Summed by each dimension at once (grouping sets): a few hundred rows leave the database for a 90-day range,
    // not one per day, locale, policy version, device class and method.
    `SELECT CASE WHEN GROUPING(day) = 0 THEN 'day' WHEN GROUPING(locale) = 0 THEN 'locale' WHEN GROUPING(policy_version) = 0 THEN 'policy' ELSE 'device' END AS dim,
            coalesce(day::text, locale, policy_version, device_class) AS key, method, sum(n)::text AS n, sum(n_opt_in)::text AS n_opt_in FROM (
       SELECT day, locale, policy_version, device_class, method, n, n_opt_in FROM rollup_state WHERE site_id = $1 AND ${rolledDays} AND ${filters}
       UNION ALL
       SELECT ${dayOf}, locale, policy_version, device_class, method, sum(sign), coalesce(sum(sign) FILTER (WHERE ${optIn}), 0)
         FROM consent_state_changes WHERE site_id = $1 AND ${changedRange} AND ${filters}
        GROUP BY 1, 2, 3, 4, 5
       UNION ALL
       -- Each raw decision goes to the outer sums as it is: grouped here first, the newest day's rows (which the
       -- statistics never hold yet) were estimated at one and sorted, about a quarter of the query's time.
       SELECT ${dayOf}, locale, policy_version, device_class, method, 1, (${optIn})::int
         FROM consent_state WHERE site_id = $1 AND ${rawRange} AND ${filters}
       UNION ALL
       SELECT day, locale, policy_version, device_class, NULL, n, 0 FROM rollup_impressions WHERE site_id = $1 AND ${rolledDays} AND ${filters}
       UNION ALL
       SELECT ${dayOf}, locale, policy_version, device_class, NULL, count(*), 0
         FROM impressions WHERE site_id = $1 AND ${rawRange} AND ${filters}
        GROUP BY 1, 2, 3, 4
     ) s GROUP BY GROUPING SETS ((day, method), (locale, method), (policy_version, method), (device_class, method))
     -- A group whose decisions all moved to a later day since its rollup.
     HAVING sum(n) <> 0`,
    params,
  );
  const items = await client.query<{ kind: 'category' | 'service'; item: string; granted: string; total: string }>(
    // A withdrawal denies every category and service it names, so it counts as "not granted" here too
    // (consent_items, migration 026). Only kind, item and granted come from it: the filters are consent_state's.
    `SELECT kind, item, sum(n_granted)::text AS granted, sum(n_total)::text AS total FROM (
       SELECT kind, item, n_granted, n_total FROM rollup_state_items WHERE site_id = $1 AND ${rolledDays} AND ${filters}
       UNION ALL
       SELECT x.kind, x.item, sum(c.sign * x.granted), sum(c.sign)
         FROM consent_state_changes c CROSS JOIN LATERAL consent_items(c.granted, c.denied, c.granted_svc, c.denied_svc) x
        WHERE c.site_id = $1 AND ${changedRange} AND ${filters}
        GROUP BY 1, 2
       UNION ALL
       -- Alike decisions are counted before they are expanded into items (as the rollup does, migration 034): the
       -- day's raw decisions share a few dozen combinations, so the items come from those, not from every row.
       SELECT x.kind, x.item, sum(c.n * x.granted), sum(c.n)
         FROM (SELECT granted, denied, granted_svc, denied_svc, count(*) AS n FROM consent_state
                WHERE site_id = $1 AND ${rawRange} AND ${filters} GROUP BY 1, 2, 3, 4) c
        CROSS JOIN LATERAL consent_items(c.granted, c.denied, c.granted_svc, c.denied_svc) x
        GROUP BY 1, 2
     ) s GROUP BY 1, 2 HAVING sum(n_total) <> 0 ORDER BY 1, 2`,
    params,
  );
  const totals = emptyCounts();
  const groups: Groups = { day: new Map(), locale: new Map(), policy: new Map(), device: new Map() };
  const add = (map: Map<string, Counts>, key: string, row: DimRow): void => {
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = emptyCounts()));
    accumulate(counts, row);
  };
  for (const row of dims.rows) {
    if (row.dim === 'day') accumulate(totals, row);
    add(groups[row.dim], row.key, row);
  }
  const list = (map: Map<string, Counts>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, counts]) => ({ key, ...ratesOf(counts) }));
  return {
    query,
    timeZone,
    watermark,
    totals: ratesOf(totals),
    byDay: fillDays(query.from, query.to, list(groups.day)),
    byLocale: list(groups.locale),
    byPolicyVersion: list(groups.policy),
    byDeviceClass: list(groups.device),
    items: items.rows.map((row) => {
      const granted = Number(row.granted);
      const total = Number(row.total);
      return { kind: row.kind, id: row.item, granted, total, rate: total === 0 ? 0 : granted / total };
    }),
  };
}

function accumulate(counts: Counts, row: DimRow): void {
  const n = Number(row.n);
  if (row.method === null) {
    counts.impressions += n;
    return;
  }
  counts.methods[row.method] = (counts.methods[row.method] ?? 0) + n;
  counts.optIn += Number(row.n_opt_in);
}

/** Every day of the range appears in byDay; a day without data is marked `empty`, so a chart draws a gap, not 0 %. */
function fillDays(from: string, to: string, days: ReadonlyArray<{ key: string } & Rates>): Array<{ key: string } & Rates> {
  const byKey = new Map(days.map((day) => [day.key, day]));
  const out: Array<{ key: string } & Rates> = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    const key = new Date(t).toISOString().slice(0, 10);
    out.push(byKey.get(key) ?? { key, ...ratesOf(emptyCounts()) });
  }
  return out;
}

/** The locales and policy versions a site's receipts have, for the dashboard's filter lists. */
export async function queryFacets(pool: Pool, siteId: string): Promise<{ locales: string[]; policyVersions: string[] }> {
  const { rows } = await pool.query<{ locales: string[] | null; versions: string[] | null }>(
    `SELECT (SELECT array_agg(DISTINCT locale ORDER BY locale) FROM rollup_receipts WHERE site_id = $1) || (SELECT array_agg(DISTINCT locale) FROM receipts WHERE site_id = $1 AND received_at > now() - interval '2 days') AS locales,
            (SELECT array_agg(DISTINCT policy_version ORDER BY policy_version) FROM rollup_receipts WHERE site_id = $1) || (SELECT array_agg(DISTINCT policy_version) FROM receipts WHERE site_id = $1 AND received_at > now() - interval '2 days') AS versions`,
    [siteId],
  );
  const uniq = (values: string[] | null | undefined): string[] => [...new Set(values ?? [])].sort();
  return { locales: uniq(rows[0]?.locales), policyVersions: uniq(rows[0]?.versions) };
}
