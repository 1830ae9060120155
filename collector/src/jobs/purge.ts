/**
 * Retention purge: deletes receipts received before the retention cutoff, except every receipt of a consent still
 * in force (its newest receipt is younger than the site's consent lifetime), and leaves a signed tombstone with
 * the ids and hashes removed so chains and checkpoints stay verifiable. Impressions past the cutoff go too. Works in
 * short batches, so it never blocks ingest however much has expired.
 */
import { canonicalize } from '../../../schema/canonicalize.js';
import { actorOf } from '../audit.js';
import { sha256Hex, type Signer } from '../crypto/signer.js';
import type { Pool, PoolClient } from '../db/pool.js';
import { exclusively } from './lock.js';

export interface PurgeResult {
  readonly cutoff: string;
  readonly receipts: number;
  readonly impressions: number;
  /** One signed tombstone per batch that removed receipts. */
  readonly tombstoneIds: readonly string[];
}

/** Rows removed per transaction: each batch commits on its own, so no purge holds locks for long. */
export const PURGE_BATCH = 5000;

/** The shortest retention allowed: the longest consent lifetime a site may have (default 365 d) plus one year. */
export function minimumRetentionDays(consentLifetimeDays: number): number {
  return consentLifetimeDays + 365;
}

/** A tombstone's hash: SHA-256 over the canonical JSON of what was removed; its signature signs this hash. */
export function tombstoneHash(createdAt: Date, cutoff: Date, entries: unknown): string {
  return sha256Hex(canonicalize({ schema: 'clinic-consent/tombstone/1', createdAt: createdAt.toISOString(), cutoff: cutoff.toISOString(), entries }));
}

/**
 * Purges in batches of `batchSize` receipts (oldest first) and as many impressions, one transaction each holding
 * the purge lock (`lock.ts`), each with its own signed tombstone and audit entry, until a batch finds less than
 * a full batch. Ingest never waits for a purge: it only inserts new rows, and a batch locks only the rows it removes
 * (`SKIP LOCKED` passes over rows another transaction holds), for the short time of one batch. Millions of expired
 * receipts thus go in many short transactions instead of one that holds its locks and its tombstone in memory
 * until the end.
 */
export async function runPurge(pool: Pool, signer: Signer, now: Date, retentionDays: number, batchSize = PURGE_BATCH): Promise<PurgeResult> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total: PurgeResult = { cutoff: cutoff.toISOString(), receipts: 0, impressions: 0, tombstoneIds: [] };
  // Where the previous batch stopped, so the kept receipts of live consents are walked past once per run, not per batch.
  let after: Date | null = null;
  for (;;) {
    // One instance at a time; one that finds another purging stops, as the other is doing the same work.
    const from: Date | null = after;
    const batch: (PurgeResult & { lastReceivedAt: Date | null }) | undefined = await exclusively(pool, 'purge', (client) => purgeBatch(client, signer, now, cutoff, batchSize, from));
    if (!batch) return total;
    after = batch.lastReceivedAt ?? after;
    total = { ...total, receipts: total.receipts + batch.receipts, impressions: total.impressions + batch.impressions, tombstoneIds: [...total.tombstoneIds, ...batch.tombstoneIds] };
    if (batch.receipts < batchSize && batch.impressions < batchSize) return total;
  }
}

/**
 * One batch, inside the caller's transaction: up to `limit` receipts received at or after `after` (oldest first),
 * up to `limit` impressions, a tombstone, an audit row. `lastReceivedAt`: the newest receipt removed.
 */
export async function purgeBatch(
  client: PoolClient,
  signer: Signer,
  now: Date,
  cutoff: Date,
  limit: number,
  after: Date | null = null,
): Promise<PurgeResult & { lastReceivedAt: Date | null }> {
  // The chosen ids (here and for impressions) are deleted through the primary key (`= ANY` of an array): joined as a
  // set (`USING doomed`, `IN (…)`), the planner hashed them against a sequential scan of the whole table, once per
  // batch (purge-plans.test.ts).
  const { rows } = await client.query<{ seq: string; id: string; site_id: string; consent_id: string; hash: string; prev_hash: string | null; received_at: Date }>(
    `WITH doomed AS (
       SELECT r.id FROM receipts r JOIN sites s ON s.id = r.site_id
        WHERE r.received_at < $1 AND ($4::timestamptz IS NULL OR r.received_at >= $4)
          AND r.received_at < $2::timestamptz - make_interval(days => s.consent_lifetime_days + 365)
          AND NOT EXISTS (
            SELECT 1 FROM receipts n WHERE n.site_id = r.site_id AND n.consent_id = r.consent_id
               AND n.received_at >= $2::timestamptz - make_interval(days => s.consent_lifetime_days))
        ORDER BY r.received_at LIMIT $3 FOR UPDATE OF r SKIP LOCKED)
     DELETE FROM receipts r WHERE r.id = ANY (ARRAY(SELECT id FROM doomed))
     RETURNING r.seq, r.id, r.site_id, r.consent_id, r.hash, r.prev_hash, r.received_at`,
    [cutoff, now, limit, after],
  );
  const impressions = await client.query(
    'DELETE FROM impressions WHERE id = ANY (ARRAY(SELECT id FROM impressions WHERE received_at < $1 ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED))',
    [cutoff, limit],
  );
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
  const result: PurgeResult = { cutoff: cutoff.toISOString(), receipts: rows.length, impressions: impressions.rowCount ?? 0, tombstoneIds: tombstoneId ? [tombstoneId] : [] };
  await client.query('INSERT INTO audit_log (actor, action, site_id, detail) VALUES ($1, $2, NULL, $3)', [actorOf('system'), 'retention.purge', JSON.stringify(result)]);
  const lastReceivedAt = rows.reduce<Date | null>((last, row) => (last === null || row.received_at > last ? row.received_at : last), null);
  return { ...result, lastReceivedAt };
}
