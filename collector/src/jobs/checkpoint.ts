/**
 * Daily signed checkpoints over the append-only receipt sequence: for each finished day, a SHA-256 over every
 * (seq, receipt id, receipt hash) in its seq range, chained to the previous checkpoint and signed. Deleting,
 * editing or inserting a row in a checkpointed range afterwards no longer matches; `verifyLedger` says where.
 */
import { createHash } from 'node:crypto';
import { canonicalize, receiptHashInput } from '../../../schema/canonicalize.js';
import { sha256Hex, verifySignature, type PublicJwk, type Signer } from '../crypto/signer.js';
import type { Pool } from '../db/pool.js';

/** A pool or one client inside a transaction (tests verify uncommitted tampering). */
type Queryable = Pick<Pool, 'query'>;
import { exclusively } from './lock.js';
import { tombstoneHash } from './purge.js';
import { ROLLUP_GRACE_MS } from './rollup.js';

const DAY_MS = 86_400_000;
const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

interface Entry {
  seq: string;
  id: string;
  hash: string;
}

/** Live receipts and tombstoned ones together: a purge must not break the checkpoints it leaves behind. */
async function entries(pool: Queryable, fromSeq: string, toSeq: string): Promise<Entry[]> {
  const { rows } = await pool.query<Entry>(
    `SELECT seq, id::text AS id, hash FROM receipts WHERE seq > $1 AND seq <= $2
     UNION ALL SELECT seq, receipt_id::text, hash FROM tombstone_entries WHERE seq > $1 AND seq <= $2
     ORDER BY seq`,
    [fromSeq, toSeq],
  );
  return rows;
}

function digest(list: readonly Entry[]): string {
  const hash = createHash('sha256');
  for (const entry of list) hash.update(`${entry.seq} ${entry.id} ${entry.hash}\n`);
  return hash.digest('hex');
}

/** The document a checkpoint's `hash` is taken over (its canonical JSON), and its signature signs `hash`. */
export function checkpointBody(day: string, fromSeq: string, toSeq: string, count: number, entriesDigest: string, prev: string | null) {
  return { schema: 'clinic-consent/checkpoint/1', day, fromSeq, toSeq, count, entriesDigest, prev };
}

/**
 * Checkpoints every finished day not yet checkpointed. One instance at a time (see `lock.ts`): an instance that
 * finds another checkpointing returns `[]`, and the next run, after that one committed, starts from its result.
 */
export async function runCheckpoints(pool: Pool, signer: Signer, now: Date): Promise<string[]> {
  return (await exclusively(pool, 'checkpoint', (client) => checkpointDays(client, signer, now))) ?? [];
}

async function checkpointDays(pool: Queryable, signer: Signer, now: Date): Promise<string[]> {
  const lastDay = dayOf(now.getTime() - ROLLUP_GRACE_MS - DAY_MS);
  const last = await pool.query<{ day: string; to_seq: string; hash: string }>('SELECT day::text, to_seq::text, hash FROM checkpoints ORDER BY day DESC LIMIT 1');
  let prev = last.rows[0] ?? null;
  const made: string[] = [];
  for (;;) {
    const fromSeq = prev?.to_seq ?? '0';
    // The next day holding receipts after the last checkpoint; days without receipts get no checkpoint.
    const next = await pool.query<{ day: string | null }>(
      `SELECT (min(received_at) AT TIME ZONE 'UTC')::date::text AS day FROM (
         SELECT received_at FROM receipts WHERE seq > $1 UNION ALL SELECT received_at FROM tombstone_entries WHERE seq > $1) s`,
      [fromSeq],
    );
    const day = next.rows[0]?.day ?? null;
    if (day === null || day > lastDay) break;
    const bound = await pool.query<{ to_seq: string }>(
      `SELECT max(seq)::text AS to_seq FROM (
         SELECT seq FROM receipts WHERE seq > $2 AND received_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
         UNION ALL SELECT seq FROM tombstone_entries WHERE seq > $2 AND received_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC') s`,
      [day, fromSeq],
    );
    const toSeq = bound.rows[0]?.to_seq ?? fromSeq;
    const list = await entries(pool, fromSeq, toSeq);
    const body = checkpointBody(day, fromSeq, toSeq, list.length, digest(list), prev?.hash ?? null);
    const hash = sha256Hex(canonicalize(body));
    await pool.query(
      'INSERT INTO checkpoints (day, from_seq, to_seq, count, prev_hash, hash, kid, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [day, fromSeq, toSeq, list.length, body.prev, hash, signer.kid, signer.sign(hash)],
    );
    made.push(day);
    prev = { day, to_seq: toSeq, hash };
  }
  return made;
}

export interface LedgerReport {
  readonly ok: boolean;
  readonly checkpoints: number;
  readonly receipts: number;
  readonly problems: readonly string[];
}

/**
 * Recomputes every checkpoint from the rows now stored and re-hashes every stored receipt body, reporting each
 * mismatch: an edited body, a deleted or inserted row, or a checkpoint whose signature or link is wrong.
 */
export async function verifyLedger(pool: Queryable, keys: readonly PublicJwk[]): Promise<LedgerReport> {
  const problems: string[] = [];
  const cps = await pool.query<{ day: string; from_seq: string; to_seq: string; count: string; prev_hash: string | null; hash: string; kid: string; signature: string }>(
    'SELECT day::text, from_seq::text, to_seq::text, count::text, prev_hash, hash, kid, signature FROM checkpoints ORDER BY day',
  );
  let prevHash: string | null = null;
  let prevTo = '0';
  for (const cp of cps.rows) {
    if (cp.prev_hash !== prevHash || cp.from_seq !== prevTo) problems.push(`checkpoint ${cp.day}: not linked to the previous checkpoint`);
    const list = await entries(pool, cp.from_seq, cp.to_seq);
    const body = checkpointBody(cp.day, cp.from_seq, cp.to_seq, list.length, digest(list), cp.prev_hash);
    if (String(list.length) !== cp.count) problems.push(`checkpoint ${cp.day}: ${cp.count} receipts were checkpointed, ${list.length} are stored`);
    if (sha256Hex(canonicalize(body)) !== cp.hash) problems.push(`checkpoint ${cp.day}: the stored receipts no longer match the checkpoint hash`);
    const key = keys.find((k) => k.kid === cp.kid);
    if (!key || !verifySignature(key, cp.hash, cp.signature)) problems.push(`checkpoint ${cp.day}: signature does not verify`);
    prevHash = cp.hash;
    prevTo = cp.to_seq;
  }
  // Tombstones: the hash must still cover exactly the entries recorded, and the signature must verify.
  const tombstones = await pool.query<{ id: string; created_at: Date; cutoff: Date; entries: unknown; hash: string; kid: string; signature: string }>(
    'SELECT id::text, created_at, cutoff, entries, hash, kid, signature FROM tombstones ORDER BY id',
  );
  for (const t of tombstones.rows) {
    const hash = tombstoneHash(t.created_at, t.cutoff, t.entries);
    const key = keys.find((k) => k.kid === t.kid);
    if (hash !== t.hash) problems.push(`tombstone ${t.id}: its entries no longer match its hash`);
    if (!key || !verifySignature(key, t.hash, t.signature)) problems.push(`tombstone ${t.id}: signature does not verify`);
  }
  let count = 0;
  // In pages by seq, so a large ledger is verified in bounded memory.
  for (let after = '0'; ; ) {
    const page = await pool.query<{ seq: string; id: string; body: string; hash: string }>(
      'SELECT seq, id, body, hash FROM receipts WHERE seq > $1 ORDER BY seq LIMIT 5000',
      [after],
    );
    for (const row of page.rows) {
      count += 1;
      let ok = false;
      try {
        ok = sha256Hex(row.body) === row.hash && sha256Hex(receiptHashInput(JSON.parse(row.body) as Record<string, unknown>)) === row.hash;
      } catch {
        ok = false;
      }
      if (!ok) problems.push(`receipt ${row.id}: stored body does not hash to its hash`);
    }
    const last = page.rows.at(-1);
    if (!last) break;
    after = last.seq;
  }
  return { ok: problems.length === 0, checkpoints: cps.rows.length, receipts: count, problems };
}
