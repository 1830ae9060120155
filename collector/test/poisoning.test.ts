// Batch poisoning (issue 14, defect 1): receipts are written in group-commit batches, so one receipt the database
// cannot store must never fail the other visitors' receipts in its batch. A NUL character (U+0000) passes JSON and
// the hash check but not PostgreSQL's text and jsonb types: it is refused at validation, under one rule for every
// string, and a batch that fails anyway is retried receipt by receipt. No log line carries a body or a consent id.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../schema/types.js';
import { parseJson } from '../src/routes/ingest.js';
import { ReceiptWriter, type UnsignedRow } from '../src/writer.js';
import { draft, impression, must, post, seal, setup, TEXTS } from './helpers.js';

const logLines: string[] = [];
let ctx: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  ctx = await setup({ logger: { level: 'debug', stream: { write: (line: string) => void logLines.push(line) } } });
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

const NUL = '\u0000';
const consentOf = (round: number, i: number): string => `burst_r${round}_visitor_${String(i).padStart(4, '0')}`;
const storedCount = async (ids: readonly string[]): Promise<number> =>
  (await ctx.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM receipts WHERE id = ANY($1::uuid[])', [ids])).rows[0]?.n ?? -1;

describe('a receipt the database cannot store', () => {
  it('is refused alone while the 50 valid receipts sent with it in one burst are all stored (5 rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const valid = Array.from({ length: 50 }, (_, i) => seal(draft({ consentId: consentOf(round, i) })));
      const poisoned = seal(draft({ consentId: `burst_r${round}_poisoned_0001`, policy: { url: 'https://clinic.example/privacy', version: `2024${NUL}03` } }));
      const burst: ConsentReceiptV1[] = [...valid.slice(0, 25), poisoned, ...valid.slice(25)];
      const responses = await Promise.all(burst.map((receipt) => post(ctx.app, '/v1/receipts', receipt)));
      const statuses = responses.map((res) => res.statusCode);
      expect(statuses.filter((s) => s === 201), `round ${round}: every valid receipt gets 201 (${statuses.join(',')})`).toHaveLength(50);
      const refused = must(responses[25]);
      expect(refused.statusCode, 'the NUL receipt is a client error').toBe(400);
      expect(refused.json<{ code: string }>().code).toBe('CC_ERR_NUL');
      expect(await storedCount(valid.map((r) => r.id)), `round ${round}: all 50 stored`).toBe(50);
      expect(await storedCount([poisoned.id])).toBe(0);
    }
  });

  it.each([
    ['policy.version', (): ConsentReceiptV1 => seal(draft({ consentId: 'nul_rule_policy_000001', policy: { url: 'https://clinic.example/privacy', version: `v${NUL}` } }))],
    ['a purpose', (): ConsentReceiptV1 => seal(draft({ consentId: 'nul_rule_purpose_00001', categories: { necessary: { granted: true, purpose: `run${NUL}` } } }))],
    ['thirdParty', (): ConsentReceiptV1 => seal(draft({ consentId: 'nul_rule_third_000001', services: { ads: { category: 'marketing', granted: false, purpose: 'ads', thirdParty: `Ads${NUL}Inc`, country: 'KR' } } }))],
    ['a texts value', (): ConsentReceiptV1 => ({ ...seal(draft({ consentId: 'nul_rule_texts_000001' })), texts: { ...TEXTS, strings: { 'banner.title': `x${NUL}` } } })],
    ['a property name', (): ConsentReceiptV1 => ({ ...seal(draft({ consentId: 'nul_rule_key_00000001' })), texts: { ...TEXTS, strings: { [`a${NUL}`]: 'x' } } })],
  ])('refuses a NUL in %s with the same 400 CC_ERR_NUL', async (_field, make) => {
    const res = await post(ctx.app, '/v1/receipts', make());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('CC_ERR_NUL');
  });

  it('refuses an impression with a NUL with 400, not 500', async () => {
    const res = await post(ctx.app, '/v1/impressions', impression({ policyVersion: `2024${NUL}` }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('CC_ERR_NUL');
  });

  it('writes no request body and no consent id to the log', () => {
    const log = logLines.join('\n');
    expect(logLines.length, 'requests were logged').toBeGreaterThan(0);
    expect(log, 'no consent id in the log').not.toMatch(/burst_r\d|nul_rule_/);
    expect(log, 'no body fragment in the log').not.toMatch(/accept-all|clinic\.example\/privacy|\\u0000/);
  });
});

/** The route's body parser run alone: the parsed value, or the code it refuses with. */
function parsed(text: string): { value?: unknown; code?: string } {
  let outcome: { value?: unknown; code?: string } = {};
  parseJson(undefined as never, text, (error, value) => {
    outcome = error ? { code: (error as { code?: string }).code ?? 'none' } : { value };
  });
  return outcome;
}

const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes(NUL)
    : value !== null && typeof value === 'object' && Object.entries(value).some(([key, member]) => key.includes(NUL) || hasNul(member));

describe('the body parser (its reviver runs only when the text holds a \\u0000 escape)', () => {
  it('refuses every JSON text with a NUL in any name or string with CC_ERR_NUL, and parses every other one unchanged', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '\\', 'u', '0', '"', NUL, '한', '\u{1F600}') });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }).chain((shape) => fc.tuple(fc.constant(shape), fc.dictionary(text, text, { maxKeys: 3 }), text)), ([shape, record, value]) => {
        const body = { shape, record, value };
        const outcome = parsed(JSON.stringify(body));
        if (hasNul(body)) expect(outcome.code).toBe('CC_ERR_NUL');
        else expect(outcome.value).toEqual(JSON.parse(JSON.stringify(body)));
      }),
      { numRuns: 400 },
    );
  });

  it('accepts the six characters \\u0000 written out (an escaped backslash), and refuses a NUL escape right after one', () => {
    expect(parsed('{"a":"\\\\u0000"}').value).toEqual({ a: '\\u0000' });
    expect(parsed('{"a":"\\\\\\u0000"}').code).toBe('CC_ERR_NUL');
    expect(parsed('{"\\u0000":1}').code).toBe('CC_ERR_NUL');
  });

  it('refuses a raw NUL byte as invalid JSON, in a string and outside one', () => {
    expect(parsed(`{"a":"x${NUL}"}`).code).toBe('CC_ERR_JSON');
    expect(parsed(`{"a":1}${NUL}`).code).toBe('CC_ERR_JSON');
  });
});

describe('the receipt writer', () => {
  it('retries a failed batch receipt by receipt, so only the bad one fails', async () => {
    // A row that passes every check above but that the database refuses (a NUL that slipped past validation).
    const writer = new ReceiptWriter(ctx.pool, ctx.signer, 64, 1);
    const good = Array.from({ length: 5 }, (_, i) => seal(draft({ consentId: `writer_retry_good_${i}000` })));
    const bad = seal(draft({ consentId: 'writer_retry_bad_00001' }));
    const row = (r: ConsentReceiptV1, policyVersion = r.policy.version): UnsignedRow => ({
      id: r.id, siteId: r.siteId, consentId: r.consentId, hash: r.hash, prev: r.prev, method: r.method, locale: r.locale,
      policyVersion, deviceClass: r.deviceClass, textHash: r.textHash, granted: [], denied: [], grantedSvc: [], deniedSvc: [],
      clientTime: r.clientTime, receivedAt: new Date().toISOString(), body: JSON.stringify(r), texts: null, signature: null,
    });
    // The first write runs alone; the next six queue behind it and go to the database as one batch.
    const results = await Promise.allSettled([good[0], good[1], good[2], bad, good[3], good[4]].map((r) => writer.write(row(must(r), r === bad ? `x${NUL}` : undefined))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await storedCount(good.map((r) => r.id))).toBe(5);
  });
});
