/**
 * Receipts for the ingest benchmark, built the way the SDK builds them (canonical hash, distinct consent ids; version 2
 * signed by a browser key).
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { receiptHashInput } from '../../schema/canonicalize.js';
import { SIGNED_RECEIPT_SCHEMA, type DevicePublicJwk } from '../../schema/device.js';
import { deviceConsentId } from '../../collector/src/crypto/device.js';
import { sha256Hex } from '../../collector/src/crypto/signer.js';

export const BENCH_SITE = 'bench-clinic';
export const BENCH_ORIGIN = 'https://bench.example';
/** The collector's limits in every ingest run: raised far above the load, but counted as they are in production. */
export const BENCH_RATE_LIMITS = { perClient: 1e9, perSite: 1e9, windowMs: 60_000 };

/** The members of the bench's `i`th receipt before it is hashed (version 1): what every kind of body starts from. */
function draftOf(i: number, tag: string): Record<string, unknown> {
  const methods = ['accept-all', 'reject-all', 'preferences'] as const;
  return {
    schema: 'clinic-consent/receipt/1',
    id: randomUUID(),
    consentId: `bench_${tag}_${i.toString(36).padStart(10, '0')}`,
    siteId: BENCH_SITE,
    policy: { url: `${BENCH_ORIGIN}/privacy`, version: '2024-03' },
    locale: i % 3 === 0 ? 'en' : 'ko',
    jurisdiction: 'KR',
    method: methods[i % 3],
    categories: { necessary: { granted: true, purpose: '운영' }, analytics: { granted: i % 3 !== 1, purpose: '분석' }, marketing: { granted: i % 3 === 0, purpose: '마케팅' } },
    services: { 'medisian-ads': { category: 'marketing', granted: i % 3 === 0, purpose: '마케팅 및 통계', thirdParty: 'Medisian Inc.', country: 'KR' } },
    clientTime: new Date().toISOString(),
    deviceClass: (['mobile', 'tablet', 'desktop'] as const)[i % 3],
    sdkVersion: '0.1.0',
    textHash: 'a'.repeat(64),
    prev: null,
  };
}

/** Version-1 receipts (unsigned), hashed as the SDK hashes them. */
export function makeBodies(n: number, tag: string): string[] {
  return Array.from({ length: n }, (_, i) => {
    const receipt = draftOf(i, tag);
    return JSON.stringify({ ...receipt, hash: sha256Hex(receiptHashInput(receipt)) });
  });
}

/** A browser's P-256 key pair, as the SDK keeps one per browser (schema/device.ts). */
export function deviceKeyPair(): { privateKey: KeyObject; deviceKey: DevicePublicJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, deviceKey: { kty: 'EC', crv: 'P-256', x: x ?? '', y: y ?? '' } };
}

/** `draft` as the SDK sends it signed (version 2): the key's consent id, the key, the hash and the signature. */
export function signedReceipt(draft: Readonly<Record<string, unknown>>, key: ReturnType<typeof deviceKeyPair>): { receipt: Record<string, unknown>; canonical: string } {
  const { hash: _hash, ...unsigned } = draft;
  const receipt = { ...unsigned, schema: SIGNED_RECEIPT_SCHEMA, consentId: deviceConsentId(key.deviceKey), deviceKey: key.deviceKey };
  const canonical = receiptHashInput(receipt);
  const signature = sign('sha256', Buffer.from(canonical), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return { receipt: { ...receipt, hash: sha256Hex(canonical), signature }, canonical };
}

/**
 * Version-2 receipts, what the SDK sends to a collector that takes them: each signed in its own browser, by a key of
 * its own (so each is the first of its consent id, as in the version-1 bodies).
 */
export function makeSignedBodies(n: number, tag: string): string[] {
  return Array.from({ length: n }, (_, i) => JSON.stringify(signedReceipt(draftOf(i, tag), deviceKeyPair()).receipt));
}
