// The patient's browser key (issue 14): a non-extractable ECDSA P-256 key made with Web Crypto on the first
// decision, kept in IndexedDB, that signs every receipt (schema version 2). The consent id is derived from it,
// so nobody without this browser's private key can add to the patient's chain. Runs under the chain lock; never
// in the loader (this chunk only).
import { receiptHashInput } from '../../schema/canonicalize.js';
import { consentIdOf, SIGNED_RECEIPT_SCHEMA, thumbprintInput, type DevicePublicJwk, type SignedReceiptV2 } from '../../schema/device.js';
import type { ReceiptBackend } from '../storage/receipt-store.js';
import type { Draft } from './build.js';
import { sha256Hex } from './crypto.js';

export interface DeviceKey {
  /** "k-" and the RFC 7638 thumbprint of the public key. */
  readonly consentId: string;
  readonly jwk: DevicePublicJwk;
  /** base64url IEEE P1363 ECDSA/SHA-256 signature over the UTF-8 bytes of `text`. */
  sign(text: string): Promise<string>;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const base64url = (bytes: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Asks the collector (GET on the receipt endpoint) whether it takes signed receipts; false when unsure. */
async function collectorTakesSigned(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, { method: 'GET', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    const answer = response.ok ? ((await response.json()) as { schemas?: unknown }) : null;
    return Array.isArray(answer?.schemas) && answer.schemas.includes(SIGNED_RECEIPT_SCHEMA);
  } catch {
    return false;
  }
}

/**
 * This browser's key, made on first use when the collector takes signed receipts (a version-2 receipt must never
 * meet a collector that refuses it for good: the SDK treats a 4xx as final). A key once made is used from then on.
 * null where receipts cannot be signed: no Web Crypto (plain http), no IndexedDB, or a collector that only takes
 * version 1. Call under the chain lock, so two tabs never make two keys.
 */
export async function deviceKey(store: ReceiptBackend, endpoint: string): Promise<DeviceKey | null> {
  const subtle = globalThis.crypto.subtle as SubtleCrypto | undefined;
  if (!subtle || !store.persistent) return null;
  let pair = await store.deviceKey();
  if (!pair) {
    if (!(await collectorTakesSigned(endpoint))) return null;
    // Not extractable: the private key can sign in this browser and never leave it.
    pair = await subtle.generateKey(ECDSA, false, ['sign', 'verify']);
    await store.putDeviceKey(pair);
  }
  const { privateKey } = pair;
  const { x = '', y = '' } = await subtle.exportKey('jwk', pair.publicKey);
  const jwk: DevicePublicJwk = { kty: 'EC', crv: 'P-256', x, y };
  const thumbprint = await subtle.digest('SHA-256', new TextEncoder().encode(thumbprintInput(jwk)));
  return {
    consentId: consentIdOf(base64url(thumbprint)),
    jwk,
    sign: async (text) => base64url(await subtle.sign(ECDSA, privateKey, new TextEncoder().encode(text))),
  };
}

/** Links a draft to its predecessor under the key's consent id, hashes it and signs the very bytes it hashed. */
export async function sealSigned(draft: Draft, prev: string | null, key: DeviceKey): Promise<SignedReceiptV2> {
  const linked: Omit<SignedReceiptV2, 'hash' | 'signature'> = { ...draft, schema: SIGNED_RECEIPT_SCHEMA, consentId: key.consentId, prev, deviceKey: key.jwk };
  const text = receiptHashInput(linked);
  return { ...linked, hash: await sha256Hex(text), signature: await key.sign(text) };
}
