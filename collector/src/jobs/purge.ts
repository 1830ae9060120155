/**
 * Retention purge: deletes receipts received before the retention cutoff, except every receipt of a consent still
 * in force (its newest receipt is younger than the site's consent lifetime), and leaves a signed tombstone with
 * the ids and hashes removed so chains and checkpoints stay verifiable. Impressions past the cutoff go too.
 */
import { canonicalize } from '../../../schema/canonicalize.js';
import { actorOf } from '../audit.js';
import { sha256Hex, type Signer } from '../crypto/signer.js';
import type { Pool } from '../db/pool.js';
import { exclusively } from './lock.js';

export interface PurgeResult {
  readonly cutoff: string;
  readonly receipts: number;
  readonly impressions: number;
  readonly tombstoneId: string | null;
}

/** The shortest retention allowed: the longest consent lifetime a site may have (default 365 d) plus one year. */
export function minimumRetentionDays(consentLifetimeDays: number): number {
  return consentLifetimeDays + 365;
}

/** A tombstone's hash: SHA-256 over the canonical JSON of what was removed; its signature signs this hash. */
export function tombstoneHash(createdAt: Date, cutoff: Date, entries: unknown): string {
  return sha256Hex(canonicalize({ schema: 'clinic-consent/tombstone/1', createdAt: createdAt.toISOString(), cutoff: cutoff.toISOString(), entries }));
}

export async function runPurge(pool: Pool, signer: Signer, now: Date, retentionDays: number): Promise<PurgeResult> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  // One instance at a time (see `lock.ts`); one that finds another purging reports nothing purged.
  const skipped: PurgeResult = { cutoff: cutoff.toISOString(), receipts: 0, impressions: 0, tombstoneId: null };
  const done = await exclusively(pool, 'purge', async (client) => {
    const { rows } = await client.query<{ seq: string; id: string; site_id: string; consent_id: string; hash: string; prev_hash: string | null; received_at: Date }>(
      `DELETE FROM receipts r USING sites s
        WHERE r.site_id = s.id AND r.received_at < $1
          AND NOT EXISTS (
            SELECT 1 FROM receipts n WHERE n.site_id = r.site_id AND n.consent_id = r.consent_id
               AND n.received_at >= $2::timestamptz - make_interval(days => s.consent_lifetime_days))
          AND r.received_at < $2::timestamptz - make_interval(days => s.consent_lifetime_days + 365)
        RETURNING r.seq, r.id, r.site_id, r.consent_id, r.hash, r.prev_hash, r.received_at`,
      [cutoff, now],
    );
    const impressions = await client.query('DELETE FROM impressions WHERE received_at < $1', [cutoff]);
    let tombstoneId: string | null = null;
    if (rows.length > 0) {
      const entries = rows
        .map((row) => ({ seq: row.seq, id: row.id, siteId: row.site_id, consentId: row.consent_id, hash: row.hash, prev: row.prev_hash }))
        .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
      const hash = tombstoneHash(now, cutoff, entries);
      const inserted = await client.query<{ id: string }>(
        'INSERT INTO tombstones (created_at, cutoff, entries, hash, kid, signature) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text',
        [now, cutoff, JSON.stringify(entries), hash, signer.kid, signer.sign(hash)],
      );
      tombstoneId = inserted.rows[0]?.id ?? null;
      await client.query(
        `INSERT INTO tombstone_entries (seq, tombstone_id, receipt_id, site_id, consent_id, hash, prev_hash, received_at)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
        [
          rows.map((r) => r.seq), rows.map(() => tombstoneId), rows.map((r) => r.id), rows.map((r) => r.site_id),
          rows.map((r) => r.consent_id), rows.map((r) => r.hash), rows.map((r) => r.prev_hash), rows.map((r) => r.received_at),
        ],
      );
    }
    const result: PurgeResult = { cutoff: cutoff.toISOString(), receipts: rows.length, impressions: impressions.rowCount ?? 0, tombstoneId };
    await client.query('INSERT INTO audit_log (actor, action, site_id, detail) VALUES ($1, $2, NULL, $3)', [actorOf('system'), 'retention.purge', JSON.stringify(result)]);
    return result;
  });
  return done ?? skipped;
}
