/**
 * Offline verification of an exported proof with the collector's public keys: each receipt's hash over its
 * canonical bytes, each acknowledgment's Ed25519 signature, each chain link, and the texts shown. Needs no database.
 */
import { canonicalize, receiptHashInput } from '../../../schema/canonicalize.js';
import { verifyAck } from '../crypto/acks.js';
import { DEVICE_CONSENT_ID, isSigned, type AnyReceipt } from '../../../schema/device.js';
import { deviceConsentId, verifyDeviceSignature } from '../crypto/device.js';
import { sha256Hex, type PublicJwk } from '../crypto/signer.js';
import type { ProofV1 } from './export.js';

export interface ReceiptCheck {
  readonly id: string;
  readonly hashOk: boolean;
  /** The collector's acknowledgment verifies. */
  readonly signatureOk: boolean;
  /**
   * "Signed by the patient's browser key": true when the receipt is signed by the key its consent id comes from,
   * false when that fails, null for an unsigned (version 1) receipt.
   */
  readonly deviceSignatureOk: boolean | null;
  /** 'ok' (predecessor present or tombstoned), 'first', 'missing' (predecessor absent) or 'fork'. */
  readonly link: 'ok' | 'first' | 'missing' | 'fork';
  /** null when the texts for its textHash are not in the proof. */
  readonly textsOk: boolean | null;
}

export interface ProofCheck {
  readonly ok: boolean;
  readonly receipts: readonly ReceiptCheck[];
  readonly problems: readonly string[];
}

/**
 * The browser-key check of one receipt: true when signed by the key its consent id comes from, false when not
 * (or when an unsigned receipt sits in a key's chain), null for an unsigned receipt of an unsigned consent id.
 */
export function deviceSignatureOf(receipt: AnyReceipt, consentId: string): boolean | null {
  if (!isSigned(receipt)) return DEVICE_CONSENT_ID.test(consentId) ? false : null;
  try {
    return deviceConsentId(receipt.deviceKey) === consentId && verifyDeviceSignature(receipt.deviceKey, receiptHashInput(receipt as unknown as Record<string, unknown>), receipt.signature);
  } catch {
    return false;
  }
}

function checkDevice(receipt: AnyReceipt, consentId: string, problems: string[]): boolean | null {
  const ok = deviceSignatureOf(receipt, consentId);
  if (ok === false) problems.push(`receipt ${receipt.id}: not signed by the browser key of consent id ${consentId}`);
  return ok;
}

export function verifyProof(proof: ProofV1, keys: readonly Pick<PublicJwk, 'kid' | 'x'>[]): ProofCheck {
  const problems: string[] = [];
  const known = new Set([...proof.receipts.map((r) => r.receipt.hash), ...proof.tombstones.map((t) => t.hash)]);
  const childrenOf = new Map<string, number>();
  for (const { receipt } of proof.receipts) childrenOf.set(String(receipt.prev), (childrenOf.get(String(receipt.prev)) ?? 0) + 1);
  const textOk = new Map(Object.entries(proof.texts).map(([hash, texts]) => [hash, sha256Hex(canonicalize(texts)) === hash]));

  const receipts = proof.receipts.map(({ receipt, ack }): ReceiptCheck => {
    let hashOk = false;
    try {
      hashOk = sha256Hex(receiptHashInput(receipt as unknown as Record<string, unknown>)) === receipt.hash;
    } catch {
      hashOk = false;
    }
    if (!hashOk) problems.push(`receipt ${receipt.id}: hash does not match its canonical bytes`);
    if (receipt.consentId !== proof.consentId) problems.push(`receipt ${receipt.id}: belongs to another consent id`);
    const key = keys.find((k) => k.kid === ack.kid);
    const signatureOk =
      key !== undefined && ack.receiptId === receipt.id && ack.receiptHash === receipt.hash && verifyAck(key, ack);
    if (!signatureOk) problems.push(`receipt ${receipt.id}: acknowledgment signature is not valid${key ? '' : ` (unknown key ${ack.kid})`}`);
    let link: ReceiptCheck['link'] = receipt.prev === null ? 'first' : known.has(receipt.prev) ? 'ok' : 'missing';
    if ((childrenOf.get(String(receipt.prev)) ?? 0) > 1) link = 'fork';
    if (link === 'missing') problems.push(`receipt ${receipt.id}: its predecessor ${receipt.prev} is not in the proof`);
    if (link === 'fork') problems.push(`receipt ${receipt.id}: another receipt has the same predecessor (forked chain)`);
    const deviceSignatureOk = checkDevice(receipt, proof.consentId, problems);
    const textsOk = textOk.get(receipt.textHash) ?? null;
    if (textsOk === false) problems.push(`receipt ${receipt.id}: the texts stored for its textHash do not hash to it`);
    return { id: receipt.id, hashOk, signatureOk, deviceSignatureOk, link, textsOk };
  });
  return { ok: problems.length === 0, receipts, problems };
}
