// Proof of consent: the exported history of a consent id verifies offline with the public keys through the CLI,
// and any edit to a receipt, an acknowledgment or the texts shown makes verification fail.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../src/auth.js';
import { runCli } from '../src/cli.js';
import type { ProofV1 } from '../src/proof/export.js';
import { chain, must, post, setup, TEXTS } from './helpers.js';

let ctx: Awaited<ReturnType<typeof setup>>;
let proof: ProofV1;
const dir = mkdtempSync(join(tmpdir(), 'cc-proof-'));
const keysFile = join(dir, 'keys.json');

beforeAll(async () => {
  ctx = await setup();
  const receipts = chain(3, { consentId: 'proof_consent_0000001' });
  await post(ctx.app, '/v1/receipts', { ...must(receipts[0]), texts: TEXTS });
  for (const receipt of receipts.slice(1)) await post(ctx.app, '/v1/receipts', receipt);
  const token = await createToken(ctx.pool, 'demo-clinic');
  const res = await ctx.app.inject({ method: 'GET', url: '/v1/sites/demo-clinic/consents/proof_consent_0000001', headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  proof = res.json<ProofV1>();
  writeFileSync(keysFile, (await ctx.app.inject({ method: 'GET', url: '/v1/keys' })).body);
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function verify(doc: unknown): Promise<{ code: number; out: string }> {
  const file = join(dir, `proof-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(doc));
  const lines: string[] = [];
  const code = await runCli(['verify', file, '--keys', keysFile], (l) => lines.push(l), (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

it('exports the full history in chain order with acks, chain status and the texts shown', () => {
  expect(proof.receipts).toHaveLength(3);
  expect(proof.receipts.map((r) => r.chainStatus)).toEqual(['ok', 'ok', 'ok']);
  expect(proof.receipts[1]?.receipt.prev).toBe(proof.receipts[0]?.receipt.hash);
  expect(Object.values(proof.texts)).toEqual([TEXTS]);
});

it('verifies offline with the CLI and the public keys', async () => {
  const result = await verify(proof);
  expect(result.out).toContain('VERIFIED: 3 receipt(s)');
  expect(result.code).toBe(0);
});

it('fails when a receipt is edited', async () => {
  const edited = structuredClone(proof) as unknown as { receipts: { receipt: { method: string } }[] };
  must(edited.receipts[1]).receipt.method = 'accept-all';
  const result = await verify(edited);
  expect(result.code).toBe(1);
  expect(result.out).toContain('hash does not match');
});

it('fails when an acknowledgment time is moved', async () => {
  const edited = structuredClone(proof) as unknown as { receipts: { ack: { serverTime: string } }[] };
  must(edited.receipts[0]).ack.serverTime = '2020-01-01T00:00:00.000Z';
  const result = await verify(edited);
  expect(result.code).toBe(1);
  expect(result.out).toContain('signature is not valid');
});

it('fails when a receipt is removed from the middle of the chain', async () => {
  const result = await verify({ ...proof, receipts: [proof.receipts[0], proof.receipts[2]] });
  expect(result.code).toBe(1);
  expect(result.out).toContain('predecessor');
});

it('fails when the texts shown are altered', async () => {
  const [hash] = Object.keys(proof.texts);
  const result = await verify({ ...proof, texts: { [must(hash)]: { ...TEXTS, strings: { ...TEXTS.strings, 'banner.body': 'different' } } } });
  expect(result.code).toBe(1);
  expect(result.out).toContain('texts');
});
