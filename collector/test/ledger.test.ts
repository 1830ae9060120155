// Tamper evidence beyond the chains: signed daily checkpoints over the append-only sequence detect an edited,
// deleted or inserted row; the retention purge removes only expired, no-longer-in-force consents, leaves a signed
// tombstone, and both chains and checkpoints still verify afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize, receiptHashInput } from '../../schema/canonicalize.js';
import { sha256Hex, verifySignature } from '../src/crypto/signer.js';
import { runCheckpoints, verifyLedger } from '../src/jobs/checkpoint.js';
import { runPurge } from '../src/jobs/purge.js';
import { chain, draft, must, post, seal, setup } from './helpers.js';
import type { ReceiptResponseV1 } from '../../schema/types.js';

let now = new Date('2022-01-10T10:00:00Z');
let ctx: Awaited<ReturnType<typeof setup>>;
const keys = async () => [ctx.signer.jwk];

/** Tampers inside a transaction on one connection, verifies there, and rolls the tampering back. */
async function verifyTampered(sql: string) {
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(sql);
    return await verifyLedger(client, await keys());
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

beforeAll(async () => {
  ctx = await setup({ now: () => now });
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

describe('daily checkpoints', () => {
  it('signs one checkpoint per finished day and detects edits, deletions and insertions afterwards', async () => {
    for (const r of chain(3, { consentId: 'ledger_consent_000001' })) await post(ctx.app, '/v1/receipts', r);
    now = new Date('2022-01-11T10:00:00Z');
    for (const r of chain(2, { consentId: 'ledger_consent_000002' })) await post(ctx.app, '/v1/receipts', r);
    expect(await runCheckpoints(ctx.pool, ctx.signer, new Date('2022-01-12T10:00:00Z'))).toEqual(['2022-01-10', '2022-01-11']);
    expect(await runCheckpoints(ctx.pool, ctx.signer, new Date('2022-01-12T10:00:00Z')), 'idempotent').toEqual([]);
    expect(await verifyLedger(ctx.pool, await keys())).toMatchObject({ ok: true, checkpoints: 2, receipts: 5 });

    const edited = await verifyTampered("UPDATE receipts SET body = replace(body, 'accept-all', 'reject-all') WHERE consent_id = 'ledger_consent_000001'");
    expect(edited.ok).toBe(false);
    expect(edited.problems.join('\n')).toContain('stored body does not hash');

    const deleted = await verifyTampered("DELETE FROM receipts WHERE consent_id = 'ledger_consent_000002' AND prev_hash IS NULL");
    expect(deleted.problems.join('\n')).toContain('checkpoint 2022-01-11: 2 receipts were checkpointed, 1 are stored');

    // An attacker who rewrites body and hash together passes the per-row check; the checkpoint still catches it.
    const forged = seal(draft({ consentId: 'ledger_consent_000001', method: 'reject-all' }));
    const rehashed = await verifyTampered(
      `UPDATE receipts SET hash = '${forged.hash}', body = '${receiptHashInput(forged as unknown as Record<string, unknown>).replace(/'/g, "''")}' WHERE seq = (SELECT min(seq) FROM receipts)`,
    );
    expect(rehashed.problems.join('\n')).toContain('checkpoint 2022-01-10: the stored receipts no longer match');
    expect(rehashed.problems.join('\n'), 'the forged row is self-consistent').not.toContain('stored body does not hash');
    expect((await verifyLedger(ctx.pool, await keys())).ok, 'intact again after the rollbacks').toBe(true);
  });
});

describe('retention purge', () => {
  it('deletes only receipts past retention whose consent is no longer in force, and leaves a signed tombstone', async () => {
    // 2022: two consents. In 2025 one of them is renewed, so it stays in force; the other expired long ago.
    now = new Date('2025-06-01T10:00:00Z');
    const lastOfKept = await ctx.pool.query<{ hash: string }>("SELECT hash FROM receipts WHERE consent_id = 'ledger_consent_000002' ORDER BY seq DESC LIMIT 1");
    const renewal = seal(draft({ consentId: 'ledger_consent_000002', method: 'preferences' }), must(lastOfKept.rows[0]).hash);
    expect((await post(ctx.app, '/v1/receipts', renewal)).json<ReceiptResponseV1>().chainStatus).toBe('ok');

    const purgeAt = new Date('2025-06-02T00:00:00Z');
    const result = await runPurge(ctx.pool, ctx.signer, purgeAt, 3 * 365);
    expect(result.receipts, 'the three receipts of the expired consent').toBe(3);
    const left = await ctx.pool.query<{ consent_id: string; n: number }>('SELECT consent_id, count(*)::int AS n FROM receipts GROUP BY 1 ORDER BY 1');
    expect(left.rows).toEqual([{ consent_id: 'ledger_consent_000002', n: 3 }]);

    const tomb = await ctx.pool.query<{ id: string; created_at: Date; cutoff: Date; entries: unknown[]; hash: string; kid: string; signature: string }>('SELECT * FROM tombstones');
    const t = must(tomb.rows[0]);
    expect(t.entries).toHaveLength(3);
    const recomputed = sha256Hex(canonicalize({ schema: 'clinic-consent/tombstone/1', createdAt: t.created_at.toISOString(), cutoff: t.cutoff.toISOString(), entries: t.entries }));
    expect(recomputed, 'the tombstone hash covers exactly what was removed').toBe(t.hash);
    const key = must((await keys()).find((k) => k.kid === t.kid));
    expect(verifySignature(key, t.hash, t.signature)).toBe(true);

    expect((await verifyLedger(ctx.pool, await keys())).ok, 'checkpoints still verify through the tombstone').toBe(true);
    const forgedTombstone = await verifyTampered(`UPDATE tombstones SET entries = entries - 0 WHERE id = ${t.id}`);
    expect(forgedTombstone.problems.join('\n')).toContain('its entries no longer match its hash');
    const audit = await ctx.pool.query("SELECT detail FROM audit_log WHERE action = 'retention.purge'");
    expect(audit.rows[0]?.detail).toMatchObject({ receipts: 3 });
  });

  it('never purges within the consent lifetime plus one year, whatever retention it is given', async () => {
    now = new Date('2025-06-03T10:00:00Z');
    await post(ctx.app, '/v1/receipts', seal(draft({ consentId: 'young_consent_0000001' })));
    const result = await runPurge(ctx.pool, ctx.signer, new Date('2026-01-01T00:00:00Z'), 1);
    expect(result.receipts).toBe(0);
  });

  it('links a late receipt whose predecessor was purged to the tombstone', async () => {
    const purged = await ctx.pool.query<{ hash: string }>("SELECT hash FROM tombstone_entries WHERE consent_id = 'ledger_consent_000001' ORDER BY seq DESC LIMIT 1");
    const late = seal(draft({ consentId: 'ledger_consent_000001', method: 'withdraw' }), must(purged.rows[0]).hash);
    expect((await post(ctx.app, '/v1/receipts', late)).json<ReceiptResponseV1>().chainStatus).toBe('ok');
  });
});
