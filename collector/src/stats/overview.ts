/**
 * The overview across several sites (an agency's clinics, or every site for the admin): per site its consent rate,
 * consent ids decided, withdrawals, receipts received and the time of its last receipt, for one day range. One
 * set-based query on the read pool, whatever the number of sites; the same counting rules as `query.ts`.
 */
import type { Pool } from '../db/pool.js';
import { cell, percent } from './csv.js';
import { validateRange } from './query.js';

export interface SiteOverview {
  readonly siteId: string;
  readonly name: string;
  readonly timeZone: string;
  /** Consent ids whose latest decision arrived in the range. */
  readonly decisions: number;
  /** Of those, consent ids whose latest decision allows an optional category. */
  readonly optIn: number;
  /** optIn / decisions (0 without decisions). */
  readonly consentRate: number;
  /** Consent ids whose latest decision, in the range, is a withdrawal. */
  readonly withdrawals: number;
  /** Receipts received in the range (every receipt, not consent ids). */
  readonly receipts: number;
  /** The newest receipt ever received: a site whose snippet stopped sending shows an old time here. */
  readonly lastReceiptAt: string | null;
}

export interface OverviewReport {
  readonly from: string;
  readonly to: string;
  readonly sites: readonly SiteOverview[];
}

/** The overview of the given sites (`null`: every site) for the days `from`–`to` of each site's time zone. */
export async function queryOverview(pool: Pool, siteIds: readonly string[] | null, from: string, to: string): Promise<OverviewReport> {
  validateRange(from, to);
  // Each site's bounds are its own midnights; receipts come from the rollups up to the watermark, raw rows after.
  const start = `$2::date::timestamp AT TIME ZONE s.time_zone`;
  const end = `($3::date + 1)::timestamp AT TIME ZONE s.time_zone`;
  const optIn = `cardinality(c.granted) > 0 AND c.method <> 'withdraw'`;
  const { rows } = await pool.query<{ id: string; name: string; time_zone: string; decisions: string; opt_in: string; withdrawals: string; receipts: string; last_at: Date | null }>(
    `WITH w AS (SELECT coalesce((SELECT watermark FROM job_state WHERE name = 'rollup'), '1970-01-01'::date) AS wm),
     s AS (SELECT id, name, time_zone FROM sites WHERE $1::text[] IS NULL OR id = ANY($1)),
     -- Receipts after the watermark (a day or two), counted in one pass for all the sites: the constant bounds, a day
     -- wider than any zone, let the index on received_at serve; each row is then held to its site's own day bounds.
     raw AS (
       SELECT r.site_id, count(*) AS n FROM receipts r JOIN s ON s.id = r.site_id CROSS JOIN w
        WHERE r.received_at >= (GREATEST($2::date, (SELECT wm FROM w) + 1) - 1)::timestamp AT TIME ZONE 'UTC'
          AND r.received_at < ($3::date + 2)::timestamp AT TIME ZONE 'UTC'
          AND r.received_at >= GREATEST($2::date, w.wm + 1)::timestamp AT TIME ZONE s.time_zone AND r.received_at < ${end}
        GROUP BY 1)
     SELECT s.id, s.name, s.time_zone, st.decisions::text, st.opt_in::text, st.withdrawals::text,
            (coalesce(ro.n, 0) + coalesce(raw.n, 0))::text AS receipts, last.at AS last_at
       FROM s CROSS JOIN w LEFT JOIN raw ON raw.site_id = s.id
       -- Latest decisions as query.ts counts them: rollups up to the watermark, corrected by the changes logged since
       -- (migration 026), and consent_state itself after it; one statement, so one snapshot with the watermark.
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(d.n), 0) AS decisions, coalesce(sum(d.n_opt_in), 0) AS opt_in,
                coalesce(sum(d.n) FILTER (WHERE d.method = 'withdraw'), 0) AS withdrawals
           FROM (
             SELECT r.method, r.n, r.n_opt_in FROM rollup_state r WHERE r.site_id = s.id AND r.day BETWEEN $2::date AND LEAST($3::date, w.wm)
             UNION ALL
             SELECT c.method, c.sign, CASE WHEN ${optIn} THEN c.sign ELSE 0 END FROM consent_state_changes c
              WHERE c.site_id = s.id AND c.received_at >= ${start} AND c.received_at < (LEAST($3::date, w.wm) + 1)::timestamp AT TIME ZONE s.time_zone
             UNION ALL
             SELECT c.method, 1, CASE WHEN ${optIn} THEN 1 ELSE 0 END FROM consent_state c
              WHERE c.site_id = s.id AND c.received_at >= GREATEST($2::date, w.wm + 1)::timestamp AT TIME ZONE s.time_zone AND c.received_at < ${end}
           ) d) st
       CROSS JOIN LATERAL (SELECT sum(r.n) AS n FROM rollup_receipts r WHERE r.site_id = s.id AND r.day BETWEEN $2::date AND LEAST($3::date, w.wm)) ro
       -- Ordered by (site_id, received_at), which only the partial index of migration 017 gives: a site that stopped
       -- sending costs one index probe, not a walk back through every other site's newer receipts.
       LEFT JOIN LATERAL (
         SELECT r.received_at AS at FROM receipts r WHERE r.site_id = s.id AND r.received_at IS NOT NULL
          ORDER BY r.site_id DESC, r.received_at DESC LIMIT 1) last ON true
      ORDER BY s.id`,
    [siteIds, from, to],
  );
  return {
    from,
    to,
    sites: rows.map((row) => {
      const decisions = Number(row.decisions);
      const optIn = Number(row.opt_in);
      return {
        siteId: row.id,
        name: row.name,
        timeZone: row.time_zone,
        decisions,
        optIn,
        consentRate: decisions === 0 ? 0 : optIn / decisions,
        withdrawals: Number(row.withdrawals),
        receipts: Number(row.receipts),
        lastReceiptAt: row.last_at?.toISOString() ?? null,
      };
    }),
  };
}

type Column = 'site' | 'name' | 'consentRate' | 'decisions' | 'withdrawals' | 'receipts' | 'lastReceipt';

/** The overview's column names, shared by the dashboard's table and the CSV. */
export const OVERVIEW_COLUMNS: Readonly<Record<'ko' | 'en' | 'ja', Readonly<Record<Column, string>>>> = {
  ko: { site: '사이트', name: '이름', consentRate: '동의율', decisions: '동의 ID 수(기간 내 마지막 결정)', withdrawals: '철회', receipts: '받은 영수증', lastReceipt: '마지막 영수증 수신' },
  en: { site: 'Site', name: 'Name', consentRate: 'Consent rate', decisions: 'Consent ids (latest decision in period)', withdrawals: 'Withdrawn', receipts: 'Receipts received', lastReceipt: 'Last receipt received' },
  ja: { site: 'サイト', name: '名前', consentRate: '同意率', decisions: '同意ID数（期間内の最後の選択）', withdrawals: '撤回', receipts: '受信したレシート', lastReceipt: '最後のレシートの受信' },
};

export function overviewLang(lang: string | undefined): 'ko' | 'en' | 'ja' {
  return lang === 'ko' || lang === 'ja' ? lang : 'en';
}

/** One row per site; the rate in percent with one decimal, the last receipt as an ISO time in UTC. */
export function overviewToCsv(report: OverviewReport, lang: string | undefined): string {
  const h = OVERVIEW_COLUMNS[overviewLang(lang)];
  const rows: Array<Array<string | number | null>> = [
    [h.site, h.name, `${h.consentRate} (%)`, h.decisions, h.withdrawals, h.receipts, `${h.lastReceipt} (UTC)`],
    ...report.sites.map((s) => [s.siteId, s.name, s.decisions === 0 ? null : percent(s.consentRate), s.decisions, s.withdrawals, s.receipts, s.lastReceiptAt]),
  ];
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
