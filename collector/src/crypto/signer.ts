/**
 * Ed25519 signing for acknowledgments, checkpoints and tombstones. The private key is kept in a file (or passed in),
 * never in PostgreSQL, so whoever can write the database still cannot forge a signature.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeExact } from './base64url.js';

const ED25519_SIGNATURE_BYTES = 64;

/** A public key as served at GET /v1/keys (RFC 8037 JWK). */
export interface PublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
}

export interface Signer {
  readonly kid: string;
  readonly jwk: PublicJwk;
  /** base64url Ed25519 signature over the UTF-8 bytes of `message`. */
  sign(message: string): string;
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** The key id: the first 16 base64url characters of SHA-256 over the raw 32-byte public key. */
export function keyId(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('base64url').slice(0, 16);
}

export function signerFromPrivateKey(privateKey: KeyObject): Signer {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 private key');
  const raw = rawPublicKey(createPublicKey(privateKey));
  const kid = keyId(raw);
  const jwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url'), kid, alg: 'EdDSA', use: 'sig' };
  return {
    kid,
    jwk,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url'),
  };
}

export function generateSigner(): Signer {
  return signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/** Reads a PKCS#8 PEM key from `file`, creating it (mode 0600) on first start. */
export function loadOrCreateSigner(file: string): Signer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  return signerFromPrivateKey(createPrivateKey(readFileSync(file)));
}

/** Verifies a base64url signature (its one spelling, see base64url.ts) over `message` with a JWK from GET /v1/keys. */
export function verifySignature(jwk: Pick<PublicJwk, 'x'>, message: string, signature: string): boolean {
  const bytes = decodeExact(signature, ED25519_SIGNATURE_BYTES);
  if (!bytes) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    return verify(null, Buffer.from(message, 'utf8'), key, bytes);
  } catch {
    return false;
  }
}

export function sha256Hex(text: string): string {
  // One-shot: about half the time of a hash object for a receipt's few hundred bytes, on every receipt stored.
  return hash('sha256', text, 'hex');
}
