/**
 * Receipts signed by the patient's browser (receipt schema version 2): the shapes beside receipt.v2.schema.json
 * and the two rules the SDK and the collector must apply alike, the consent id of a device key and the bytes it
 * signs. Pure: the caller hashes and verifies with its own crypto. Imports only the canonical form.
 */
import { canonicalize } from './canonicalize.js';
import { PATTERNS } from './shapes.js';
import type { ConsentReceiptV1 } from './types.js';

export const SIGNED_RECEIPT_SCHEMA = 'clinic-consent/receipt/2';

/** The public half of the browser's ECDSA P-256 key, exactly these members (RFC 7517). */
export interface DevicePublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

export interface SignedReceiptV2 extends Omit<ConsentReceiptV1, 'schema'> {
  readonly schema: typeof SIGNED_RECEIPT_SCHEMA;
  readonly deviceKey: DevicePublicJwk;
  /** base64url IEEE P1363 ECDSA/SHA-256 signature over `receiptHashInput(receipt)`, the bytes `hash` is taken over. */
  readonly signature: string;
}

/** Either version, as the collector accepts them side by side. */
export type AnyReceipt = ConsentReceiptV1 | SignedReceiptV2;

/** Consent ids of signed receipts: "k-" and a 43-character thumbprint. No unsigned receipt may use one. */
export const DEVICE_CONSENT_ID = new RegExp(PATTERNS.deviceConsentId);

/** The RFC 7638 thumbprint input of a P-256 key: its required members in lexicographic order, no whitespace. */
export function thumbprintInput(jwk: DevicePublicJwk): string {
  return canonicalize({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
}

/** The consent id of a key, given the base64url SHA-256 of `thumbprintInput(jwk)` (its RFC 7638 thumbprint). */
export const consentIdOf = (thumbprint: string): string => `k-${thumbprint}`;

export const isSigned = (receipt: { readonly schema: string }): receipt is SignedReceiptV2 => receipt.schema === SIGNED_RECEIPT_SCHEMA;
