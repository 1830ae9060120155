// POST /v1/receipts: the receipt is checked against the shared schema and its own hash, stored once, acknowledged
// with a verifiable signature, and linked into its consent's chain even when beacons arrive out of order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptResponseV1 } from '../../schema/types.js';
import { verifyAck } from '../src/crypto/acks.js';
import { chain, draft, impression, must, ORIGIN, post, seal, setup, TEXTS } from './helpers.js';

let ctx: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  ctx = await setup();
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

const statusOf = async (id: string): Promise<string | undefined> =>
  (await ctx.pool.query<{ chain_status: string }>('SELECT chain_status FROM receipts WHERE id = $1', [id])).rows[0]?.chain_status;

describe('POST /v1/receipts', () => {
  it('stores a valid receipt and answers with an ack whose Ed25519 signature verifies with GET /v1/keys', async () => {
    const receipt = seal(draft());
    const res = await post(ctx.app, '/v1/receipts', receipt);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<ReceiptResponseV1>();
    expect(body.ack.receiptId).toBe(receipt.id);
    expect(body.ack.receiptHash).toBe(receipt.hash);
    expect(body.chainStatus).toBe('ok');
    expect(body.duplicate).toBe(false);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    const keys = (await ctx.app.inject({ method: 'GET', url: '/v1/keys' })).json<{ keys: { kid: string; x: string }[] }>().keys;
    const key = keys.find((k) => k.kid === body.ack.kid);
    expect(key, 'the ack key is served').toBeDefined();
    expect(body.ack.schema, 'signed with its batch').toBe('clinic-consent/ack/2');
    expect(verifyAck(must(key), body.ack)).toBe(true);
    const tampered = { ...body.ack, serverTime: '2000-01-01T00:00:00.000Z' };
    expect(verifyAck(must(key), tampered), 'a changed time breaks the signature').toBe(false);
  });

  it('accepts application/json as well as text/plain', async () => {
    const res = await post(ctx.app, '/v1/receipts', seal(draft({ consentId: 'json_content_type_0001' })), { 'content-type': 'application/json' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('returns the stored ack again for a resend, and 409 for the same id with a different body', async () => {
    const receipt = seal(draft({ consentId: 'idempotent_consent_0001' }));
    const first = (await post(ctx.app, '/v1/receipts', receipt)).json<ReceiptResponseV1>();
    const again = await post(ctx.app, '/v1/receipts', receipt);
    expect(again.statusCode).toBe(200);
    expect(again.json<ReceiptResponseV1>().duplicate).toBe(true);
    expect(again.json<ReceiptResponseV1>().ack, 'the very same ack, not a new one').toEqual(first.ack);
    const changed = seal(draft({ consentId: 'idempotent_consent_0001', id: receipt.id, method: 'reject-all' }));
    const conflict = await post(ctx.app, '/v1/receipts', changed);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json<{ code: string }>().code).toBe('CC_ERR_CONFLICT');
    const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM receipts WHERE id = $1', [receipt.id]);
    expect(rows[0].n, 'stored once').toBe(1);
  });

  it('says when it lacks the texts, and stores them once when the same receipt is resent with them', async () => {
    const receipt = seal(draft({ consentId: 'texts_consent_00000001' }));
    const first = (await post(ctx.app, '/v1/receipts', receipt)).json<ReceiptResponseV1>();
    expect(first.textsKnown, 'the texts were never sent').toBe(false);
    const resend = await post(ctx.app, '/v1/receipts', { ...receipt, texts: TEXTS });
    expect(resend.statusCode, resend.body).toBe(200);
    expect(resend.json<ReceiptResponseV1>().textsKnown).toBe(true);
    const other = (await post(ctx.app, '/v1/receipts', seal(draft({ consentId: 'texts_consent_00000002' })))).json<ReceiptResponseV1>();
    expect(other.textsKnown, 'a second receipt with the same text hash needs no texts').toBe(true);
    const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM texts');
    expect(rows[0].n).toBe(1);
  });

  it('rejects texts that do not hash to textHash', async () => {
    const receipt = seal(draft({ consentId: 'texts_consent_00000003' }));
    const res = await post(ctx.app, '/v1/receipts', { ...receipt, texts: { locale: 'ko', strings: { a: 'forged' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('CC_ERR_TEXT_HASH');
  });

  it('rejects a receipt whose hash is not the SHA-256 of its canonical bytes', async () => {
    const receipt = seal(draft());
    const res = await post(ctx.app, '/v1/receipts', { ...receipt, method: 'reject-all' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string; message: string }>().code).toBe('CC_ERR_HASH');
  });

  it('rejects unknown fields instead of silently dropping them', async () => {
    const res = await post(ctx.app, '/v1/receipts', { ...seal(draft()), ip: '203.0.113.9' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('"ip"');
  });

  it('refuses unknown sites and origins that are not registered for the site (403)', async () => {
    const unknownSite = await post(ctx.app, '/v1/receipts', seal(draft({ siteId: 'no-such-site' })));
    expect(unknownSite.statusCode).toBe(403);
    expect(unknownSite.json<{ code: string }>().code).toBe('CC_ERR_SITE_UNKNOWN');
    const foreign = seal(draft());
    const wrongOrigin = await post(ctx.app, '/v1/receipts', foreign, { origin: 'https://evil.example' });
    expect(wrongOrigin.statusCode).toBe(403);
    // The refusal is readable by the page that sent it (no preflight, no credentials, nothing stored), so
    // the SDK can keep the receipt for later and tell the clinic which command registers the origin.
    expect(wrongOrigin.json<{ code: string }>().code).toBe('CC_ERR_ORIGIN');
    expect(wrongOrigin.headers['access-control-allow-origin'], 'the 403 is readable by the sending page').toBe('https://evil.example');
    expect(wrongOrigin.headers['access-control-allow-credentials']).toBeUndefined();
    const unknownFromPage = await post(ctx.app, '/v1/receipts', seal(draft({ siteId: 'no-such-site' })), { origin: 'https://late.example' });
    expect(unknownFromPage.headers['access-control-allow-origin']).toBe('https://late.example');
    expect((await ctx.pool.query('SELECT 1 FROM receipts WHERE id = $1', [foreign.id])).rowCount, 'nothing stored').toBe(0);
    const noOrigin = await ctx.app.inject({ method: 'POST', url: '/v1/receipts', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(seal(draft())) });
    expect(noOrigin.statusCode).toBe(403);
  });

  it('answers a CORS preflight only for registered origins', async () => {
    const ok = await ctx.app.inject({ method: 'OPTIONS', url: '/v1/receipts', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-headers']).toBe('content-type');
    const bad = await ctx.app.inject({ method: 'OPTIONS', url: '/v1/receipts', headers: { origin: 'https://evil.example' } });
    expect(bad.statusCode).toBe(403);
  });
});

describe('chain links', () => {
  it('keeps a receipt that overtook its predecessor pending until the predecessor arrives', async () => {
    const [a, b, c] = chain(3, { consentId: 'out_of_order_chain_001' });
    expect((await post(ctx.app, '/v1/receipts', must(c))).json<ReceiptResponseV1>().chainStatus).toBe('pending');
    expect(await statusOf(must(c).id), 'c waits for b').toBe('pending');
    expect((await post(ctx.app, '/v1/receipts', must(b))).json<ReceiptResponseV1>().chainStatus, 'b waits for a').toBe('pending');
    expect(await statusOf(must(c).id), 'the link c -> b is verified once b is stored').toBe('ok');
    expect((await post(ctx.app, '/v1/receipts', must(a))).json<ReceiptResponseV1>().chainStatus).toBe('ok');
    expect(await statusOf(must(b).id), 'b resolved by a').toBe('ok');
  });

  it('stores a forked chain and flags both branches', async () => {
    const [a] = chain(1, { consentId: 'forked_chain_000000001' });
    const left = seal(draft({ consentId: 'forked_chain_000000001', method: 'reject-all' }), must(a).hash);
    const right = seal(draft({ consentId: 'forked_chain_000000001', method: 'preferences' }), must(a).hash);
    await post(ctx.app, '/v1/receipts', must(a));
    expect((await post(ctx.app, '/v1/receipts', left)).json<ReceiptResponseV1>().chainStatus).toBe('ok');
    const res = await post(ctx.app, '/v1/receipts', right);
    expect(res.statusCode, 'a fork is stored, not refused').toBe(201);
    expect(res.json<ReceiptResponseV1>().chainStatus).toBe('fork');
    expect(await statusOf(left.id), 'the earlier branch is flagged too').toBe('fork');
  });

  it('links correctly when a chain is delivered concurrently, in any order, with duplicates', async () => {
    const receipts = chain(12, { consentId: 'concurrent_chain_00001' });
    const deliveries = [...receipts, ...receipts.slice(3, 8)].sort(() => Math.random() - 0.5);
    const results = await Promise.all(deliveries.map((r) => post(ctx.app, '/v1/receipts', r)));
    expect(results.map((r) => r.statusCode).every((s) => s === 200 || s === 201), 'every delivery acknowledged').toBe(true);
    const { rows } = await ctx.pool.query<{ chain_status: string; n: number }>(
      "SELECT chain_status, count(*)::int AS n FROM receipts WHERE consent_id = 'concurrent_chain_00001' GROUP BY 1",
    );
    expect(rows, 'twelve receipts, all linked').toEqual([{ chain_status: 'ok', n: 12 }]);
  });
});

describe('group commit', () => {
  it('answers each receipt of a concurrent burst on its own: one conflict does not fail its batch', async () => {
    const others = Array.from({ length: 40 }, (_, i) => seal(draft({ consentId: `burst_consent_${String(i).padStart(6, '0')}` })));
    const original = seal(draft({ consentId: 'burst_conflict_000001' }));
    const clash = seal(draft({ consentId: 'burst_conflict_000001', id: original.id, method: 'reject-all' }));
    const responses = await Promise.all([original, ...others, clash].map((r) => post(ctx.app, '/v1/receipts', r)));
    const codes = responses.map((r) => r.statusCode);
    expect(codes.slice(1, -1).every((c) => c === 201), 'the unrelated receipts are stored').toBe(true);
    expect([codes[0], codes.at(-1)].sort(), 'exactly one of the two bodies wins the id').toEqual([201, 409]);
    const { rows } = await ctx.pool.query("SELECT count(*)::int AS n FROM receipts WHERE consent_id LIKE 'burst_%'");
    expect(rows[0].n).toBe(41);
  });
});

describe('POST /v1/impressions', () => {
  it('counts a banner view once even when the outbox resends it, and refuses a consent id', async () => {
    const view = impression();
    expect((await post(ctx.app, '/v1/impressions', view)).statusCode).toBe(201);
    const again = await post(ctx.app, '/v1/impressions', view);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ duplicate: boolean }>().duplicate).toBe(true);
    const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM impressions WHERE id = $1', [view.id]);
    expect(rows[0].n).toBe(1);
    const withConsent = await post(ctx.app, '/v1/impressions', { ...impression(), consentId: 'c_0123456789abcdefXYZ' });
    expect(withConsent.statusCode, 'an impression carries no consent id').toBe(400);
    expect(withConsent.json<{ message: string }>().message).toContain('"consentId"');
    const badDay = await post(ctx.app, '/v1/impressions', impression({ day: '2026-02-30' }));
    expect(badDay.statusCode).toBe(400);
  });
});
