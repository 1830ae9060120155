// Fuzz: at least 10,000 malformed bodies, each must get the specific 4xx its flaw deserves (never a 5xx), and
// none may leave a row behind. Seeded, so a failure names a case that can be replayed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { draft, must, ORIGIN, seal, setup, TEXTS } from './helpers.js';

let ctx: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  ctx = await setup({ rateLimit: false });
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  readonly kind: string;
  readonly contentType: string | undefined;
  readonly payload: string;
  readonly status: number;
  readonly code: string;
}

const rand = prng(20261123);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const valid = (): Record<string, unknown> => ({ ...seal(draft({ consentId: `fuzz_${Math.floor(rand() * 1e12).toString(36).padStart(12, '0')}` })) });

const FIELDS = ['schema', 'id', 'consentId', 'siteId', 'policy', 'locale', 'jurisdiction', 'method', 'categories', 'services', 'clientTime', 'deviceClass', 'sdkVersion', 'textHash', 'prev', 'hash'];
const WRONG_VALUES: unknown[] = [42, -1, 1.5, true, false, null, [], {}, '', ' ', 'x y'.repeat(1000), '<script>', 'DROP TABLE receipts', '\u0000'];

function schemaCase(): Record<string, unknown> {
  const r = valid();
  switch (Math.floor(rand() * 8)) {
    case 0:
      Reflect.deleteProperty(r, pick(FIELDS));
      return r;
    case 1:
      r[pick(['ip', 'userAgent', 'email', '__proto__x', 'extra', 'Hash', 'ID'])] = 'x';
      return r;
    case 2: {
      const field = pick(FIELDS.filter((f) => f !== 'prev'));
      // An empty services map is valid (a site may have none), so {} is not a wrong value there.
      r[field] = pick(WRONG_VALUES.filter((v) => !((field === 'policy' || field === 'services') && typeof v === 'object')));
      return r;
    }
    case 3:
      r['method'] = pick(['accept', 'ACCEPT-ALL', 'reject', 'opt-in', 'withdrawn', 'gpc ']);
      return r;
    case 4:
      r['categories'] = { analytics: { granted: 'yes', purpose: 'x' } };
      return r;
    case 5:
      r['services'] = { ads: { category: 'marketing', granted: true, purpose: 'x', thirdParty: 'Medisian Inc.' } };
      return r;
    case 6:
      r['policy'] = { url: 'javascript:alert(1)', version: '1' };
      return r;
    default:
      r['deviceClass'] = pick(['phone', 'Mobile', 'tv', 'watch']);
      return r;
  }
}

function makeCase(i: number): Case {
  const kind = i % 10;
  const json = (value: unknown): string => JSON.stringify(value);
  switch (kind) {
    case 0:
      return { kind: 'media type', contentType: pick(['application/xml', 'text/html', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'image/png', 'application/octet-stream', 'text/csv']), payload: json(valid()), status: 415, code: 'CC_ERR_MEDIA_TYPE' };
    case 1:
      return { kind: 'too large', contentType: pick(['text/plain', 'application/json']), payload: json({ ...valid(), pad: 'x'.repeat(16 * 1024 + Math.floor(rand() * 4096)) }), status: 413, code: 'CC_ERR_BODY_TOO_LARGE' };
    case 2: {
      const text = json(valid());
      return { kind: 'truncated JSON', contentType: 'text/plain', payload: text.slice(0, 1 + Math.floor(rand() * (text.length - 2))), status: 400, code: 'CC_ERR_JSON' };
    }
    case 3: {
      const bytes = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => String.fromCharCode(33 + Math.floor(rand() * 90)));
      return { kind: 'garbage', contentType: pick(['text/plain', 'application/json']), payload: `{${bytes.join('')}`, status: 400, code: 'CC_ERR_JSON' };
    }
    case 4:
      return { kind: 'not an object', contentType: 'text/plain', payload: pick(['[]', '1', '"receipt"', 'null', 'true', '[{"id":1}]']), status: 400, code: 'CC_ERR_SCHEMA' };
    case 5:
    case 6: {
      const payload = json(schemaCase());
      // A NUL anywhere is refused by its own rule before the schema is looked at (issue 14).
      return { kind: 'schema', contentType: pick(['text/plain;charset=UTF-8', 'application/json']), payload, status: 400, code: payload.includes('\\u0000') ? 'CC_ERR_NUL' : 'CC_ERR_SCHEMA' };
    }
    case 7: {
      const r = valid();
      const tweak = Math.floor(rand() * 4);
      if (tweak === 0) r['method'] = r['method'] === 'reject-all' ? 'accept-all' : 'reject-all';
      else if (tweak === 1) r['locale'] = 'en';
      else if (tweak === 2) r['prev'] = 'a'.repeat(64);
      else r['hash'] = Math.floor(rand() * 16).toString(16).repeat(64);
      return { kind: 'hash mismatch', contentType: 'text/plain', payload: json(r), status: 400, code: 'CC_ERR_HASH' };
    }
    case 8: {
      if (rand() < 0.5) {
        const d = draft({ clientTime: pick(['2026-02-31T00:00:00Z', '2026-04-31T10:00:00.000Z', '2026-11-23T25:00:00Z', '2026-11-23T10:61:00Z']) });
        return { kind: 'impossible time', contentType: 'text/plain', payload: json(seal(d)), status: 400, code: 'CC_ERR_CLIENT_TIME' };
      }
      // A lone surrogate is valid JSON and a valid schema string, but has no RFC 8785 form.
      const r = valid();
      const text = json(r).replace('"purpose":"', '"purpose":"\\ud800');
      return { kind: 'lone surrogate', contentType: 'text/plain', payload: text, status: 400, code: 'CC_ERR_CANONICAL' };
    }
    default:
      return { kind: 'texts mismatch', contentType: 'text/plain', payload: json({ ...valid(), texts: { ...TEXTS, strings: { ...TEXTS.strings, extra: String(i) } } }), status: 400, code: 'CC_ERR_TEXT_HASH' };
  }
}

it('answers 10,000 malformed bodies with the specific 400/413/415 each deserves, stores nothing, never a 5xx', async () => {
  const total = 10_000;
  const counts = new Map<string, number>();
  const failures: string[] = [];
  for (let i = 0; i < total; i += 50) {
    const batch = Array.from({ length: 50 }, (_, j) => makeCase(i + j));
    const responses = await Promise.all(
      batch.map((c) =>
        ctx.app.inject({ method: 'POST', url: '/v1/receipts', headers: { origin: ORIGIN, ...(c.contentType ? { 'content-type': c.contentType } : {}) }, payload: c.payload }),
      ),
    );
    responses.forEach((res, j) => {
      const c = must(batch[j]);
      counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
      const code = String(res.headers['content-type']).includes('json') ? (res.json<{ code?: string }>().code ?? '') : '';
      if (res.statusCode !== c.status || code !== c.code) {
        if (failures.length < 10) failures.push(`case ${i + j} (${c.kind}): expected ${c.status} ${c.code}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    });
  }
  expect(failures, 'every malformed body gets its own status and code').toEqual([]);
  expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(total);
  const stored = await ctx.pool.query<{ r: number; t: number }>('SELECT (SELECT count(*) FROM receipts)::int AS r, (SELECT count(*) FROM texts)::int AS t');
  expect(stored.rows[0], 'no partial rows').toEqual({ r: 0, t: 0 });
  console.log(`fuzz: ${total} bodies, ${JSON.stringify(Object.fromEntries(counts))}`);
}, 120_000);
