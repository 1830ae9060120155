/**
 * Checks of receipts signed by the patient's browser (schema/device.ts): the consent id must be the one its
 * device key gives, and the signature must be that key's over the receipt's canonical bytes. Node crypto only.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { consentIdOf, thumbprintInput, type DevicePublicJwk } from '../../../schema/device.js';
import { decodeExact } from './base64url.js';

const P256_SIGNATURE_BYTES = 64;

/** "k-" and the RFC 7638 thumbprint of the key. */
export function deviceConsentId(jwk: DevicePublicJwk): string {
  return consentIdOf(createHash('sha256').update(thumbprintInput(jwk), 'utf8').digest('base64url'));
}

/** Whether `signature` (base64url in its one spelling, IEEE P1363 r‖s) is the key's ECDSA P-256/SHA-256 signature over `canonical`. */
export function verifyDeviceSignature(jwk: DevicePublicJwk, canonical: string, signature: string): boolean {
  const bytes = decodeExact(signature, P256_SIGNATURE_BYTES);
  if (!bytes) return false;
  try {
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
    return verify('sha256', Buffer.from(canonical, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, bytes);
  } catch {
    // Not a point on the curve, say: no key, no valid signature.
    return false;
  }
}
