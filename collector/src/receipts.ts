/**
 * Checks a schema-valid receipt (real date, canonical form, hash, texts) and stores it through the `ingest_receipt_set`
 * SQL function, returning the signed acknowledgment. No HTTP here: the route handles origins, CORS and limits.
 */
import { canonicalize, CanonicalizeError, receiptHashInput } from '../../schema/canonicalize.js';
import { DEVICE_CONSENT_ID, isSigned, type AnyReceipt } from '../../schema/device.js';
import type { Ack, ReceiptResponseV1 } from '../../schema/types.js';
import { deviceConsentId, verifyDeviceSignature } from './crypto/device.js';
import { sha256Hex } from './crypto/signer.js';
import { CollectorError } from './errors.js';
import type { ReceiptWriter, UnsignedRow } from './writer.js';

/** A real instant: the schema's pattern admits 2026-02-31, Date.parse then rolls over or fails. */
export function parseStrictTime(value: string): Date | undefined {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  return date.toISOString().slice(0, 19) === value.slice(0, 19) ? date : undefined;
}

/**
 * A signed receipt's consent id must be its key's, and its signature that key's; an unsigned one may not use the
 * consent ids of keys, so no receipt without the private key ever joins a signed chain (issue 14).
 */
function checkDevice(receipt: AnyReceipt, canonical: string): void {
  if (!isSigned(receipt)) {
    if (DEVICE_CONSENT_ID.test(receipt.consentId)) throw new CollectorError('CC_ERR_DEVICE_KEY', 'an unsigned receipt cannot use the consent id of a browser key');
    return;
  }
  if (deviceConsentId(receipt.deviceKey) !== receipt.consentId) throw new CollectorError('CC_ERR_DEVICE_KEY', 'the consent id is not the one deviceKey gives');
  if (!verifyDeviceSignature(receipt.deviceKey, canonical, receipt.signature)) throw new CollectorError('CC_ERR_DEVICE_SIGNATURE');
}

/** Verifies what the schema cannot; returns the canonical text of the receipt (without `hash`, `texts`, `signature`). */
export function checkReceipt(receipt: AnyReceipt): { canonical: string; clientTime: Date } {
  const clientTime = parseStrictTime(receipt.clientTime);
  if (!clientTime) throw new CollectorError('CC_ERR_CLIENT_TIME', receipt.clientTime);
  let canonical: string;
  let textsCanonical: string | undefined;
  try {
    canonical = receiptHashInput(receipt as unknown as Record<string, unknown>);
    textsCanonical = receipt.texts === undefined ? undefined : canonicalize(receipt.texts);
  } catch (error) {
    if (error instanceof CanonicalizeError) throw new CollectorError('CC_ERR_CANONICAL', error.message);
    throw error;
  }
  const expected = sha256Hex(canonical);
  if (expected !== receipt.hash) throw new CollectorError('CC_ERR_HASH', `expected ${expected}`);
  checkDevice(receipt, canonical);
  if (textsCanonical !== undefined && sha256Hex(textsCanonical) !== receipt.textHash) {
    throw new CollectorError('CC_ERR_TEXT_HASH');
  }
  return { canonical, clientTime };
}

/** Categories the visitor could not refuse are not a choice, so they stay out of opt-in statistics. */
const ALWAYS_ON = new Set(['necessary']);

function split(decisions: Readonly<Record<string, { granted: boolean }>>, skip: ReadonlySet<string>): [string[], string[]] {
  const granted: string[] = [];
  const denied: string[] = [];
  for (const [id, decision] of Object.entries(decisions)) {
    if (skip.has(id)) continue;
    (decision.granted ? granted : denied).push(id);
  }
  return [granted, denied];
}

/** The row `ingest_receipt_set` stores for a checked receipt, before the writer signs its ack with its batch. */
export function receiptRow(receipt: AnyReceipt, checked: { canonical: string; clientTime: Date }, now: Date): UnsignedRow {
  const [granted, denied] = split(receipt.categories, ALWAYS_ON);
  const [grantedSvc, deniedSvc] = split(receipt.services, new Set());
  return {
    id: receipt.id,
    siteId: receipt.siteId,
    consentId: receipt.consentId,
    hash: receipt.hash,
    prev: receipt.prev,
    method: receipt.method,
    locale: receipt.locale,
    policyVersion: receipt.policy.version,
    deviceClass: receipt.deviceClass,
    textHash: receipt.textHash,
    granted,
    denied,
    grantedSvc,
    deniedSvc,
    clientTime: checked.clientTime.toISOString(),
    receivedAt: now.toISOString(),
    // The stored body is exactly the canonical text that was hashed, so a proof re-hashes what was acknowledged.
    body: checked.canonical,
    texts: receipt.texts ?? null,
    signature: isSigned(receipt) ? receipt.signature : null,
  };
}

/** Stores the receipt once; a resend returns the stored ack, a different body under the same id is a 409. */
export async function storeReceipt(writer: ReceiptWriter, receipt: AnyReceipt, checked: { canonical: string; clientTime: Date }, now: Date): Promise<ReceiptResponseV1> {
  const row = await writer.write(receiptRow(receipt, checked, now));
  if (row.r_outcome === 'conflict' || !row.r_ack || !row.r_status) {
    throw new CollectorError('CC_ERR_CONFLICT', receipt.id);
  }
  return { ack: row.r_ack as Ack, textsKnown: row.r_texts_known === true, chainStatus: row.r_status, duplicate: row.r_outcome === 'duplicate' };
}
