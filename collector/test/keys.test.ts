// Verification keys come from the key files, never from the database they check (issue 14, defect 2): a database
// writer who inserts a key of their own and re-signs rewritten history with it gets "not verified" from GET
// /v1/keys, the offline verifier, the dashboard's proof check and `ledger verify`. Key rotation keeps every earlier
// acknowledgment verifiable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptHashInput } from '../../schema/canonicalize.js';
import type { ReceiptResponseV1 } from '../../schema/types.js';
import { buildApp } from '../src/app.js';
import { createToken } from '../src/auth.js';
import { runCli } from '../src/cli.js';
import { loadKeys, parseKeySet, readPublicKeys } from '../src/crypto/keys.js';
import { generateSigner } from '../src/crypto/signer.js';
import { runCheckpoints } from '../src/jobs/checkpoint.js';
import type { ProofV1 } from '../src/proof/export.js';
import { verifyProof } from '../src/proof/verify.js';
import { signAcks } from '../src/crypto/acks.js';
import { chain, draft, must, post, seal, setup } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-keys-'));
const files = { signingKeyFile: join(dir, 'signing-key.pem'), publicKeysFile: join(dir, 'public-keys.json') };
let now = new Date('2026-03-02T10:00:00Z');
let ctx: Awaited<ReturnType<typeof setup>>;
let admin: string;

beforeAll(async () => {
  const { signer, keys } = loadKeys(files);
  ctx = await setup({ signer, previousKeys: keys, now: () => now });
  admin = await createToken(ctx.pool, null);
  // The CLI reads its database and key files from the environment, as an operator's shell would.
  process.env['DATABASE_URL'] = ctx.db.url;
  process.env['DATA_DIR'] = dir;
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(args, (l) => lines.push(l), (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

async function proofOf(app: typeof ctx.app, consentId: string): Promise<ProofV1> {
  const res = await app.inject({ method: 'GET', url: `/v1/sites/demo-clinic/consents/${consentId}`, headers: { authorization: `Bearer ${admin}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ProofV1>();
}

async function servedKeys(app: typeof ctx.app) {
  return (await app.inject({ method: 'GET', url: '/v1/keys' })).json<{ keys: ProofV1['keys'] }>().keys;
}

describe('a database writer with a key of their own', () => {
  const consentId = 'rewritten_consent_0001';

  it('cannot make rewritten, re-signed history verify', async () => {
    for (const receipt of chain(3, { consentId })) expect((await post(ctx.app, '/v1/receipts', receipt)).statusCode).toBe(201);
    expect(await runCheckpoints(ctx.pool, ctx.signer, new Date('2026-03-04T10:00:00Z'))).toEqual(['2026-03-02']);
    expect((await cli(['ledger', 'verify'])).code, 'intact before the attack').toBe(0);

    // The attack: a key row, every receipt turned into a refusal and re-hashed, acks and checkpoints re-signed.
    const mallory = generateSigner();
    await ctx.pool.query('INSERT INTO signing_keys (kid, public_key) VALUES ($1, $2)', [mallory.kid, Buffer.from(mallory.jwk.x, 'base64url')]);
    const stored = await ctx.pool.query<{ id: string; client_time: Date; received_at: Date }>('SELECT id, client_time, received_at FROM receipts WHERE consent_id = $1 ORDER BY seq', [consentId]);
    let prev: string | null = null;
    for (const row of stored.rows) {
      const forged = seal(draft({ consentId, id: row.id, method: 'reject-all', clientTime: row.client_time.toISOString() }), prev);
      await ctx.pool.query('UPDATE receipts SET body = $2, hash = $3, prev_hash = $4, method = $5, ack = $6 WHERE id = $1', [
        row.id, receiptHashInput(forged as unknown as Record<string, unknown>), forged.hash, prev, 'reject-all',
        signAcks(mallory, [{ receiptId: row.id, receiptHash: forged.hash, serverTime: row.received_at.toISOString() }])[0],
      ]);
      prev = forged.hash;
    }
    await ctx.pool.query('DELETE FROM checkpoints');
    expect(await runCheckpoints(ctx.pool, mallory, new Date('2026-03-04T10:00:00Z'))).toEqual(['2026-03-02']);

    expect((await servedKeys(ctx.app)).map((k) => k.kid), 'GET /v1/keys does not serve the inserted key').toEqual([ctx.signer.kid]);
    const proof = await proofOf(ctx.app, consentId);
    expect(proof.receipts.map((r) => r.receipt.method), 'the rewrite is in place').toEqual(['reject-all', 'reject-all', 'reject-all']);
    const keysFile = join(dir, 'served-keys.json');
    writeFileSync(keysFile, JSON.stringify({ keys: await servedKeys(ctx.app) }));
    const proofFile = join(dir, 'rewritten-proof.json');
    writeFileSync(proofFile, JSON.stringify(proof));
    const offline = await cli(['verify', proofFile, '--keys', keysFile]);
    expect(offline.code, offline.out).toBe(1);
    expect(offline.out).toContain('NOT VERIFIED');
    const page = await ctx.app.inject({ method: 'GET', url: `/dashboard/sites/demo-clinic/consents?consentId=${consentId}&lang=en`, headers: { authorization: `Bearer ${admin}` } });
    expect(page.body, 'the dashboard proof check').toContain('NOT verified');
    const ledger = await cli(['ledger', 'verify']);
    expect(ledger.code, ledger.out).toBe(1);
    expect(ledger.out).toContain('checkpoint 2026-03-02: signature does not verify');
  });
});

describe('key rotation', () => {
  it('signs with the new key from the next start and keeps acks signed before it verifiable', async () => {
    const consentId = 'rotation_consent_00001';
    const [first, second] = chain(2, { consentId });
    const before = (await post(ctx.app, '/v1/receipts', must(first))).json<ReceiptResponseV1>();
    expect(before.ack.kid).toBe(ctx.signer.kid);

    const rotated = await cli(['key', 'rotate']);
    expect(rotated.code, rotated.out).toBe(0);
    const after = loadKeys(files);
    expect(after.signer.kid).not.toBe(ctx.signer.kid);
    expect(readPublicKeys(files.publicKeysFile).map((k) => k.kid), 'both keys in the one public-key file').toEqual([ctx.signer.kid, after.signer.kid]);

    now = new Date('2026-03-05T10:00:00Z');
    const restarted = await buildApp({ pool: ctx.pool, signer: after.signer, previousKeys: after.keys, rateLimit: false, now: () => now });
    try {
      const later = (await post(restarted, '/v1/receipts', must(second))).json<ReceiptResponseV1>();
      expect(later.ack.kid).toBe(after.signer.kid);
      const check = verifyProof(await proofOf(restarted, consentId), await servedKeys(restarted));
      expect(check.problems).toEqual([]);
      expect(check.receipts.map((r) => r.signatureOk)).toEqual([true, true]);
    } finally {
      await restarted.close();
    }
  });

  it('refuses a public key listed under another key id', () => {
    const jwk = generateSigner().jwk;
    expect(() => parseKeySet(JSON.stringify({ keys: [{ ...jwk, kid: ctx.signer.kid }] }), 'keys.json')).toThrow(`has kid "${ctx.signer.kid}", but its bytes give "${jwk.kid}"`);
  });
});
