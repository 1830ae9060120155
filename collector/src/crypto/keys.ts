/**
 * Where verification keys come from: the signing key file and the public-key file beside it, never the database.
 * The public-key file (a JWK set) lists every key this collector has signed with; every instance reads the same
 * file and every backup must include it. Whoever can write the database therefore cannot add a key of their own,
 * re-sign rewritten history with it and have it verify (issue 14). `key rotate` is the one way a key is added.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyId, loadOrCreateSigner, signerFromPrivateKey, type PublicJwk, type Signer } from './signer.js';

export interface KeyFiles {
  /** PKCS#8 PEM Ed25519 private key of the current signer. */
  readonly signingKeyFile: string;
  /** JWK set of every public key ever used, the current one included. */
  readonly publicKeysFile: string;
}

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

/**
 * The keys of a JWK set (`{ keys: [...] }`, or a bare array), each checked: an Ed25519 public key whose `kid` is
 * the key id of its own bytes, so a key cannot be passed off under another key's id. `source` names it in errors.
 */
export function parseKeySet(text: string, source: string): PublicJwk[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyFileError(`${source} is not JSON`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) throw new KeyFileError(`${source} has no "keys" array`);
  return list.map((item: unknown, index) => {
    const jwk = item as Partial<PublicJwk> | null;
    if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(jwk.x)) {
      throw new KeyFileError(`${source}: key ${index} is not an Ed25519 public key (kty OKP, crv Ed25519, x)`);
    }
    const kid = keyId(Buffer.from(jwk.x, 'base64url'));
    if (jwk.kid !== kid) throw new KeyFileError(`${source}: key ${index} has kid "${String(jwk.kid)}", but its bytes give "${kid}"`);
    return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
  });
}

export function readPublicKeys(file: string): PublicJwk[] {
  return parseKeySet(readFileSync(file, 'utf8'), file);
}

/** Written to a temporary file and renamed, so a reader never sees half a file. */
function writePublicKeys(file: string, keys: readonly PublicJwk[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
}

const withKey = (keys: readonly PublicJwk[], jwk: PublicJwk): PublicJwk[] => (keys.some((k) => k.kid === jwk.kid) ? [...keys] : [...keys, jwk]);

/**
 * The current signer and every key to verify with. On first start both files are created; a signing key not yet
 * listed in the public-key file is added to it (the operator put it there), earlier keys are never removed.
 */
export function loadKeys(files: KeyFiles): { signer: Signer; keys: PublicJwk[] } {
  const signer = loadOrCreateSigner(files.signingKeyFile);
  const listed = existsSync(files.publicKeysFile) ? readPublicKeys(files.publicKeysFile) : [];
  const keys = withKey(listed, signer.jwk);
  if (keys.length !== listed.length) writePublicKeys(files.publicKeysFile, keys);
  return { signer, keys };
}

/**
 * Replaces the signing key with a new one and lists its public key beside the earlier ones, which keep verifying
 * everything signed before. Running collectors sign with the old key until they restart.
 */
export function rotateKey(files: KeyFiles): { previous: string; current: string } {
  const { signer: previous, keys } = loadKeys(files);
  const { privateKey } = generateKeyPairSync('ed25519');
  const next = signerFromPrivateKey(privateKey);
  // The public half first: a crash in between leaves a listed, unused key, never a signer nobody can verify.
  writePublicKeys(files.publicKeysFile, withKey(keys, next.jwk));
  writeFileSync(`${files.signingKeyFile}.tmp`, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  renameSync(`${files.signingKeyFile}.tmp`, files.signingKeyFile);
  return { previous: previous.kid, current: next.kid };
}
