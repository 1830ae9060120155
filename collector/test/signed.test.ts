// Receipts signed by the patient's browser (issue 14): version-2 receipts carry the public key of a browser key
// inside the hashed bytes and its signature outside; their consent id is the key's. The collector takes version 1
// and 2 side by side, and refuses whatever would put a receipt without the private key into a signed chain.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptHashInput } from '../../schema/canonicalize.js';
import { SIGNED_RECEIPT_SCHEMA, type DevicePublicJwk, type SignedReceiptV2 } from '../../schema/device.js';
import { createToken } from '../src/auth.js';
import { runCli } from '../src/cli.js';
import { deviceConsentId } from '../src/crypto/device.js';
import { sha256Hex } from '../src/crypto/signer.js';
import type { ProofV1 } from '../src/proof/export.js';
import { verifyProof } from '../src/proof/verify.js';
import { draft, must, post, seal, setup } from './helpers.js';

/** A browser key as the SDK makes one: ECDSA P-256, its public half as a four-member JWK. */
function browserKey(): { privateKey: KeyObject; jwk: DevicePublicJwk; consentId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = publicKey.export({ format: 'jwk' });
  const jwk: DevicePublicJwk = { kty: 'EC', crv: 'P-256', x: must(x), y: must(y) };
  return { privateKey, jwk, consentId: deviceConsentId(jwk) };
}

/** A version-2 receipt: consent id and public key inside the hash, the signature over those same bytes. */
function signed(key: ReturnType<typeof browserKey>, prev: string | null, overrides: Parameters<typeof draft>[0] = {}, as = key): SignedReceiptV2 {
  const body = { ...draft({ consentId: key.consentId, ...overrides }), schema: SIGNED_RECEIPT_SCHEMA, id: crypto.randomUUID(), prev, deviceKey: key.jwk };
  const canonical = receiptHashInput(body);
  const signature = sign('sha256', Buffer.from(canonical), { key: as.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return { ...body, hash: sha256Hex(canonical), signature } as SignedReceiptV2;
}

function signedChain(key: ReturnType<typeof browserKey>, methods: readonly string[]): SignedReceiptV2[] {
  const out: SignedReceiptV2[] = [];
  for (const method of methods) out.push(signed(key, out.at(-1)?.hash ?? null, { method: method as SignedReceiptV2['method'] }));
  return out;
}

let ctx: Awaited<ReturnType<typeof setup>>;
let admin: string;
const dir = mkdtempSync(join(tmpdir(), 'cc-signed-'));
beforeAll(async () => {
  ctx = await setup();
  admin = await createToken(ctx.pool, null);
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const proofOf = async (consentId: string): Promise<ProofV1> =>
  (await ctx.app.inject({ method: 'GET', url: `/v1/sites/demo-clinic/consents/${consentId}`, headers: { authorization: `Bearer ${admin}` } })).json<ProofV1>();
const codeOf = (res: { json<T>(): T }): string => res.json<{ code: string }>().code;

describe('version 1 and version 2 side by side', () => {
  it('says which receipt versions it takes, so an SDK signs only for a collector that accepts it', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/receipts', headers: { origin: 'https://clinic.example' } });
    expect(res.json()).toEqual({ schemas: ['clinic-consent/receipt/1', 'clinic-consent/receipt/2'] });
    expect(res.headers['access-control-allow-origin']).toBe('https://clinic.example');
  });

  it('stores an unsigned and a signed chain, and the proof verifies offline with both signatures', async () => {
    expect((await post(ctx.app, '/v1/receipts', seal(draft({ consentId: 'plain_http_consent_001' })))).statusCode).toBe(201);
    const key = browserKey();
    for (const receipt of signedChain(key, ['accept-all', 'preferences', 'withdraw'])) {
      const res = await post(ctx.app, '/v1/receipts', receipt);
      expect(res.statusCode, res.body).toBe(201);
    }
    const proof = await proofOf(key.consentId);
    expect(proof.receipts.map((r) => r.chainStatus)).toEqual(['ok', 'ok', 'ok']);
    expect(proof.receipts.every((r) => 'signature' in r.receipt), 'the browser signature is part of the proof').toBe(true);
    expect(proof.receipts.map((r) => r.browserSignature), 'the proof JSON says so per receipt').toEqual(Array(3).fill("signed by the patient's browser key"));
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, (await ctx.app.inject({ method: 'GET', url: '/v1/keys' })).body);
    const proofFile = join(dir, 'proof.json');
    writeFileSync(proofFile, JSON.stringify(proof));
    const lines: string[] = [];
    expect(await runCli(['verify', proofFile, '--keys', keysFile], (l) => lines.push(l), (l) => lines.push(l)), lines.join('\n')).toBe(0);
    expect(lines.filter((l) => l.includes("collector ack ok  signed by the patient's browser key ok"))).toHaveLength(3);
    const page = await ctx.app.inject({ method: 'GET', url: `/dashboard/sites/demo-clinic/consents?consentId=${key.consentId}&lang=en`, headers: { authorization: `Bearer ${admin}` } });
    expect(page.body.match(/signed by the patient&#39;s browser key|signed by the patient's browser key/g) ?? []).toHaveLength(3);
    const plainProof = await proofOf('plain_http_consent_001');
    expect(plainProof.receipts[0]?.browserSignature).toBe('not signed (no browser key)');
    const plain = verifyProof(plainProof, [ctx.signer.jwk]);
    expect(plain.receipts.map((r) => r.deviceSignatureOk), 'an unsigned receipt is marked as such').toEqual([null]);
  });
});

describe('a signed consent id', () => {
  const patient = browserKey();
  let real: SignedReceiptV2[];
  beforeAll(async () => {
    real = signedChain(patient, ['accept-all', 'reject-all']);
    for (const receipt of real) expect((await post(ctx.app, '/v1/receipts', receipt)).statusCode).toBe(201);
  });

  it('refuses a forged unsigned prev: null receipt for it, and the real chain stays ok', async () => {
    const forged = seal(draft({ consentId: patient.consentId, method: 'accept-all' }), null);
    const res = await post(ctx.app, '/v1/receipts', forged);
    expect(res.statusCode).toBe(400);
    expect(codeOf(res)).toBe('CC_ERR_DEVICE_KEY');
    const proof = await proofOf(patient.consentId);
    expect(proof.receipts.map((r) => r.chainStatus)).toEqual(['ok', 'ok']);
    expect(verifyProof(proof, [ctx.signer.jwk]).ok).toBe(true);
  });

  it("refuses a receipt signed by another browser's key", async () => {
    const stranger = browserKey();
    const claimsId = signed(stranger, null, { consentId: patient.consentId });
    expect(codeOf(await post(ctx.app, '/v1/receipts', claimsId)), 'its own key under the patient id').toBe('CC_ERR_DEVICE_KEY');
    const copiesKey = signed(patient, null, {}, stranger);
    const res = await post(ctx.app, '/v1/receipts', copiesKey);
    expect(res.statusCode).toBe(400);
    expect(codeOf(res), "the patient's public key, signed by another").toBe('CC_ERR_DEVICE_SIGNATURE');
    expect((await proofOf(patient.consentId)).receipts).toHaveLength(2);
  });

  it('refuses an edited signed receipt even with its hash recomputed', async () => {
    const receipt = signed(patient, must(real.at(-1)).hash, { method: 'withdraw' });
    const edited = { ...receipt, method: 'accept-all' as const };
    const rehashed = { ...edited, hash: sha256Hex(receiptHashInput(edited)) };
    expect(codeOf(await post(ctx.app, '/v1/receipts', rehashed))).toBe('CC_ERR_DEVICE_SIGNATURE');
  });

  it('fails offline verification when a browser signature is stripped from the proof', async () => {
    const proof = await proofOf(patient.consentId);
    const stripped = structuredClone(proof) as unknown as { receipts: { receipt: Record<string, unknown> }[] };
    delete must(stripped.receipts[1]).receipt['signature'];
    const check = verifyProof(stripped as unknown as ProofV1, [ctx.signer.jwk]);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toContain(`not signed by the browser key of consent id ${patient.consentId}`);
  });
});

it('limits receipts per consent id and answers 429 CC_ERR_RATE_CONSENT, leaving other ids alone', async () => {
  const limited = await setup({ rateLimit: { perClient: 1000, perSite: 1000, windowMs: 60_000, perConsent: 3 } }, ctx.db);
  try {
    const key = browserKey();
    const codes: number[] = [];
    for (const receipt of signedChain(key, ['accept-all', 'reject-all', 'preferences', 'withdraw', 'accept-all'])) codes.push((await post(limited.app, '/v1/receipts', receipt)).statusCode);
    expect(codes).toEqual([201, 201, 201, 429, 429]);
    expect((await post(limited.app, '/v1/receipts', signedChain(browserKey(), ['accept-all'])[0])).statusCode).toBe(201);
  } finally {
    await limited.app.close();
  }
});
