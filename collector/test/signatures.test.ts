// Signatures are read in the one spelling the schemas give. Regression: Node's base64url decoder skips characters
// outside the alphabet, accepts padding and ignores the last character's unused bits, so an ack, a checkpoint or a
// browser signature edited in any of those ways decoded to the same bytes and still verified.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ackSigningInput } from '../../schema/canonicalize.js';
import type { DevicePublicJwk } from '../../schema/device.js';
import type { AckV1 } from '../../schema/types.js';
import { verifyAck } from '../src/crypto/acks.js';
import { verifyDeviceSignature } from '../src/crypto/device.js';
import { generateSigner, verifySignature } from '../src/crypto/signer.js';

/** Other spellings of a base64url text that Node decodes to the very same bytes. */
function respellings(text: string): string[] {
  const bytes = Buffer.from(text, 'base64url');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const lastCharVariants = [...alphabet]
    .map((char) => `${text.slice(0, -1)}${char}`)
    .filter((variant) => variant !== text && Buffer.from(variant, 'base64url').equals(bytes));
  const variants = [`${text.slice(0, 10)}!${text.slice(10)}`, `${text}==`, ` ${text}`, `${text.slice(0, 40)}\n${text.slice(40)}`, ...lastCharVariants];
  for (const variant of variants) expect(Buffer.from(variant, 'base64url').equals(bytes), `${JSON.stringify(variant)} decodes alike`).toBe(true);
  return variants;
}

describe('signatures in another spelling of the same bytes', () => {
  it('do not verify as the collector’s Ed25519 signatures (acks, checkpoints, tombstones)', () => {
    const signer = generateSigner();
    const signature = signer.sign('a checkpoint');
    expect(verifySignature(signer.jwk, 'a checkpoint', signature)).toBe(true);
    const variants = respellings(signature);
    expect(variants.length).toBeGreaterThan(4);
    for (const variant of variants) expect(verifySignature(signer.jwk, 'a checkpoint', variant), JSON.stringify(variant)).toBe(false);

    const unsigned = { schema: 'clinic-consent/ack/1', receiptId: '00000000-0000-4000-8000-000000000001', receiptHash: 'a'.repeat(64), serverTime: '2026-12-01T09:00:00.000Z', kid: signer.kid } as const;
    const ack: AckV1 = { ...unsigned, signature: signer.sign(ackSigningInput(unsigned)) };
    expect(verifyAck(signer.jwk, ack)).toBe(true);
    for (const variant of respellings(ack.signature)) expect(verifyAck(signer.jwk, { ...ack, signature: variant })).toBe(false);
  });

  it('do not verify as a patient’s browser signature', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { x, y } = publicKey.export({ format: 'jwk' });
    const key: DevicePublicJwk = { kty: 'EC', crv: 'P-256', x: x ?? '', y: y ?? '' };
    const signature = sign('sha256', Buffer.from('a receipt'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    expect(verifyDeviceSignature(key, 'a receipt', signature)).toBe(true);
    for (const variant of respellings(signature)) expect(verifyDeviceSignature(key, 'a receipt', variant), JSON.stringify(variant)).toBe(false);
  });
});
