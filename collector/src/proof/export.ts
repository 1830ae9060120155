/**
 * Proof of consent: a consent id's full receipt history with acknowledgments, chain status, the texts shown and
 * tombstones of purged predecessors, as one JSON document a privacy officer can hand over and verify offline.
 */
import type { AnyReceipt } from '../../../schema/device.js';
import type { Ack, ShownTexts } from '../../../schema/types.js';
import type { PublicJwk } from '../crypto/signer.js';
import type { Pool } from '../db/pool.js';
import { deviceSignatureOf } from './verify.js';

export interface ProofReceipt {
  /** As the browser sent it (without `texts`): a version-2 receipt with its device key and signature. */
  readonly receipt: AnyReceipt;
  readonly ack: Ack;
  readonly chainStatus: 'ok' | 'pending' | 'fork';
  readonly receivedAt: string;
  /** What the collector found at export (an offline verifier checks it again from the receipt itself). */
  readonly browserSignature: "signed by the patient's browser key" | 'not signed (no browser key)' | 'NOT valid';
}

const BROWSER_SIGNATURE = { true: "signed by the patient's browser key", false: 'NOT valid', null: 'not signed (no browser key)' } as const;

export interface ProofTombstone {
  readonly receiptId: string;
  readonly hash: string;
  readonly prev: string | null;
  readonly tombstoneId: string;
}

export interface ProofV1 {
  readonly schema: 'clinic-consent/proof/1';
  readonly siteId: string;
  readonly consentId: string;
  readonly exportedAt: string;
  readonly receipts: readonly ProofReceipt[];
  readonly texts: Readonly<Record<string, ShownTexts>>;
  readonly tombstones: readonly ProofTombstone[];
  /** For convenience only: an offline verifier should use the collector's public keys obtained independently. */
  readonly keys: readonly PublicJwk[];
}

export async function buildProof(pool: Pool, keys: readonly PublicJwk[], siteId: string, consentId: string, now: Date): Promise<ProofV1> {
  const receipts = await pool.query<{ body: string; hash: string; device_signature: string | null; ack: Ack; chain_status: ProofReceipt['chainStatus']; received_at: Date }>(
    'SELECT body, hash, device_signature, ack, chain_status, received_at FROM receipts WHERE site_id = $1 AND consent_id = $2 ORDER BY seq',
    [siteId, consentId],
  );
  const textHashes = [...new Set(receipts.rows.map((row) => (JSON.parse(row.body) as { textHash: string }).textHash))];
  const texts = await pool.query<{ hash: string; body: ShownTexts }>('SELECT hash, body FROM texts WHERE hash = ANY($1)', [textHashes]);
  const tombstones = await pool.query<{ receipt_id: string; hash: string; prev_hash: string | null; tombstone_id: string }>(
    'SELECT receipt_id, hash, prev_hash, tombstone_id::text FROM tombstone_entries WHERE site_id = $1 AND consent_id = $2 ORDER BY seq',
    [siteId, consentId],
  );
  return {
    schema: 'clinic-consent/proof/1',
    siteId,
    consentId,
    exportedAt: now.toISOString(),
    receipts: receipts.rows.map((row) => {
      const receipt = { ...(JSON.parse(row.body) as Omit<AnyReceipt, 'hash'>), hash: row.hash, ...(row.device_signature ? { signature: row.device_signature } : {}) } as AnyReceipt;
      return {
        receipt,
        ack: row.ack,
        chainStatus: row.chain_status,
        receivedAt: row.received_at.toISOString(),
        browserSignature: BROWSER_SIGNATURE[`${deviceSignatureOf(receipt, consentId)}`],
      };
    }),
    texts: Object.fromEntries(texts.rows.map((row) => [row.hash, row.body])),
    tombstones: tombstones.rows.map((row) => ({ receiptId: row.receipt_id, hash: row.hash, prev: row.prev_hash, tombstoneId: row.tombstone_id })),
    keys: [...keys],
  };
}
