/**
 * PostgreSQL's own rate for the collector's rows, measured in the same run on the same table (issue 17): receipts
 * stored through the collector's writer (the ingest SQL function with its locks and chain checks, and the one ack
 * signature per batch; no HTTP), the same kind of rows by a plain batched `INSERT … SELECT FROM jsonb_to_recordset` with the same batch
 * size and transactions in flight, and by one `COPY` in one transaction. The plain paths run with the table's
 * user triggers off (the consent-state trigger is part of our ingest, not of PostgreSQL's floor); its keys, indexes
 * and foreign key stay. Every path writes rows of its own (fresh ids), so none meets another's.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyReceipt } from '../../schema/device.js';
import type { Signer } from '../../collector/src/crypto/signer.js';
import type { Pool } from '../../collector/src/db/pool.js';
import { checkReceipt, receiptRow } from '../../collector/src/receipts.js';
import { ReceiptWriter, signRows, type ReceiptRow, type UnsignedRow } from '../../collector/src/writer.js';
import { makeBodies } from './bodies.js';

/** Rows exactly as the ingest route hands them to the writer: checked, canonical body, ack not yet signed. */
function unsignedRows(n: number, tag: string): UnsignedRow[] {
  const now = new Date();
  return makeBodies(n, tag).map((body) => {
    const receipt = JSON.parse(body) as AnyReceipt;
    return receiptRow(receipt, checkReceipt(receipt), now);
  });
}

/** Rows as the writer sends them to PostgreSQL, acks signed (for the plain INSERT and COPY, which have no writer). */
function signedRows(n: number, tag: string, signer: Signer): ReceiptRow[] {
  return signRows(signer, unsignedRows(n, tag));
}

const COLUMNS = [
  ['id', 'id', 'uuid'],
  ['site_id', 'siteId', 'text'],
  ['consent_id', 'consentId', 'text'],
  ['hash', 'hash', 'text'],
  ['prev_hash', 'prev', 'text'],
  ['method', 'method', 'text'],
  ['locale', 'locale', 'text'],
  ['policy_version', 'policyVersion', 'text'],
  ['device_class', 'deviceClass', 'text'],
  ['text_hash', 'textHash', 'text'],
  ['granted', 'granted', 'text[]'],
  ['denied', 'denied', 'text[]'],
  ['granted_svc', 'grantedSvc', 'text[]'],
  ['denied_svc', 'deniedSvc', 'text[]'],
  ['client_time', 'clientTime', 'timestamptz'],
  ['received_at', 'receivedAt', 'timestamptz'],
  ['body', 'body', 'text'],
  ['ack', 'ack', 'jsonb'],
] as const;

const INSERT = `INSERT INTO receipts (${COLUMNS.map(([column]) => column).join(', ')}, chain_status)
  SELECT ${COLUMNS.map(([, field]) => `"${field}"`).join(', ')}, 'ok'
    FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMNS.map(([, field, type]) => `"${field}" ${type}`).join(', ')})`;

/** Runs `batches` through at most `inFlight` workers; returns the elapsed milliseconds. */
async function timedBatches<T>(batches: readonly T[], inFlight: number, send: (batch: T) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) await send(batch);
    }),
  );
  return performance.now() - start;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** One CSV field: quoted, quotes doubled; arrays as PostgreSQL array literals of plain ids. */
function csvField(value: unknown): string {
  if (value === null) return '';
  const text = Array.isArray(value) ? `{${value.join(',')}}` : typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.replaceAll('"', '""')}"`;
}

async function withoutUserTriggers(pool: Pool, work: () => Promise<number>): Promise<number> {
  await pool.query('ALTER TABLE receipts DISABLE TRIGGER USER');
  try {
    return await work();
  } finally {
    await pool.query('ALTER TABLE receipts ENABLE TRIGGER USER');
  }
}

export interface CeilingResult {
  readonly receipts: number;
  /** Concurrent callers of the writer. */
  readonly producers: number;
  /** Receipts per second through the collector's writer, and the transactions it used. */
  readonly ours: number;
  readonly oursTransactions: number;
  readonly insert: number;
  readonly copy: number;
}

/**
 * Measures the three paths over `n` receipts each. Concurrent callers feed the writer, as concurrent requests do,
 * enough of them to fill all its transactions in flight; the plain INSERT uses the same batch size and transactions
 * in flight (on a shared machine, a path with fewer backends also gets a smaller share of the cores).
 */
export async function measureCeiling(pool: Pool, signer: Signer, n: number): Promise<CeilingResult> {
  const oursRows = unsignedRows(n, 'ceiling_ours');
  const [insertRows, copyRows] = ['insert', 'copy'].map((tag) => signedRows(n, `ceiling_${tag}`, signer)) as [ReceiptRow[], ReceiptRow[]];
  const writer = new ReceiptWriter(pool, signer);
  const producers = writer.maxBatch * writer.maxInFlight;
  const oursMs = await timedBatches(chunks(oursRows, Math.ceil(n / producers)), producers, async (rows) => {
    for (const row of rows) await writer.write(row);
  });
  const transactions = await pool.query<{ n: number }>('SELECT count(DISTINCT xmin::text)::int AS n FROM receipts WHERE id = ANY($1::uuid[])', [
    oursRows.map((row) => row.id),
  ]);

  const insertMs = await withoutUserTriggers(pool, () =>
    timedBatches(chunks(insertRows, writer.maxBatch), writer.maxInFlight, (rows) => pool.query(INSERT, [JSON.stringify(rows)])),
  );

  const file = join(tmpdir(), `cc-bench-copy-${process.pid}.csv`);
  writeFileSync(file, copyRows.map((row) => `${COLUMNS.map(([, field]) => csvField(row[field])).join(',')},ok`).join('\n') + '\n');
  try {
    const copyMs = await withoutUserTriggers(pool, async () => {
      const start = performance.now();
      await pool.query(`COPY receipts (${COLUMNS.map(([column]) => column).join(', ')}, chain_status) FROM '${file}' WITH (FORMAT csv)`);
      return performance.now() - start;
    });
    const rate = (ms: number): number => n / (ms / 1000);
    return { receipts: n, producers, ours: rate(oursMs), oursTransactions: transactions.rows[0]?.n ?? 0, insert: rate(insertMs), copy: rate(copyMs) };
  } finally {
    rmSync(file, { force: true });
  }
}
