// Dashboard sessions (issue 14, defect 3): the cookie holds an opaque session secret, not the API token; a session
// ends after idle and absolute expiry, at logout and when its token is revoked (API or CLI); the cookie is sent to
// and accepted on /dashboard only, is Secure unless the host is loopback, and a state-changing request must come
// with this collector's own Origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth.js';
import { runCli } from '../src/cli.js';
import { createSite } from '../src/sites.js';
import { draft, must, post, seal, setup } from './helpers.js';

const t0 = new Date('2026-05-01T09:00:00Z');
let now = t0;
const minutes = (n: number): Date => new Date(now.getTime() + n * 60_000);
let ctx: Awaited<ReturnType<typeof setup>>;
let admin: string;
const HOST = { host: 'collector.example', origin: 'http://collector.example' };

beforeAll(async () => {
  ctx = await setup({ now: () => now, sessions: { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 } });
  await createSite(ctx.pool, { id: 'site-s', origins: ['https://s.example'] });
  admin = await createToken(ctx.pool, null);
  await post(ctx.app, '/v1/receipts', seal(draft({ siteId: 'site-s', consentId: 'session_site_consent_01' })), { origin: 'https://s.example' });
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

async function login(token: string, headers: Record<string, string> = HOST): Promise<{ cookie: string; header: string }> {
  const res = await ctx.app.inject({ method: 'POST', url: '/dashboard/login', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: `token=${encodeURIComponent(token)}` });
  expect(res.statusCode, res.body).toBe(303);
  const header = String(res.headers['set-cookie']);
  return { cookie: header.split(';')[0] ?? '', header };
}
const view = (cookie: string, url = '/dashboard/sites/site-s') => ctx.app.inject({ method: 'GET', url, headers: { cookie, host: HOST.host } });

describe('a dashboard session', () => {
  it('lives in an opaque cookie on /dashboard only, Secure unless the host is loopback', async () => {
    const token = await createToken(ctx.pool, 'site-s');
    const { cookie, header } = await login(token);
    expect(cookie, 'the cookie carries no token').not.toContain(encodeURIComponent(token).slice(0, 20));
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/dashboard;');
    expect(header).toContain('Secure');
    expect((await view(cookie)).statusCode).toBe(200);
    const local = await login(token, { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:8787' });
    expect(local.header, 'no Secure on a loopback host (plain http there)').not.toContain('Secure');
  });

  it('is not accepted by the JSON API, which takes bearer tokens only', async () => {
    const { cookie } = await login(await createToken(ctx.pool, 'site-s'));
    const api = await ctx.app.inject({ method: 'GET', url: '/v1/sites/site-s/stats', headers: { cookie, host: HOST.host } });
    expect(api.statusCode).toBe(401);
  });

  it('gives the CSV and proof downloads dashboard routes of their own', async () => {
    const { cookie } = await login(await createToken(ctx.pool, 'site-s'));
    const page = await view(cookie);
    expect(page.body).toContain('/dashboard/sites/site-s/stats.csv?');
    const csv = await view(cookie, '/dashboard/sites/site-s/stats.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const proof = await view(cookie, '/dashboard/sites/site-s/proof.json?consentId=session_site_consent_01');
    expect(proof.statusCode, proof.body).toBe(200);
    expect(proof.json<{ consentId: string }>().consentId).toBe('session_site_consent_01');
  });

  it('ends after 30 idle minutes (401)', async () => {
    now = t0;
    const { cookie } = await login(await createToken(ctx.pool, 'site-s'));
    now = minutes(29);
    expect((await view(cookie)).statusCode, 'in use within the idle time').toBe(200);
    now = minutes(31);
    expect((await view(cookie)).statusCode, 'idle too long').toBe(401);
  });

  it('ends 12 hours after sign-in however busy (401)', async () => {
    now = t0;
    const { cookie } = await login(await createToken(ctx.pool, 'site-s'));
    for (let i = 0; i < 35; i++) {
      now = minutes(20);
      expect((await view(cookie)).statusCode, `request ${i} at ${now.toISOString()}`).toBe(200);
    }
    now = minutes(20);
    expect((await view(cookie)).statusCode, 'past the absolute lifetime').toBe(401);
  });

  it('ends at logout: the old cookie no longer works (401)', async () => {
    now = t0;
    const { cookie } = await login(await createToken(ctx.pool, 'site-s'));
    const out = await ctx.app.inject({ method: 'POST', url: '/dashboard/logout', headers: { cookie, ...HOST } });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await view(cookie)).statusCode).toBe(401);
  });

  it('ends when its token is revoked through the API (401), and the token stops working', async () => {
    now = t0;
    const token = await createToken(ctx.pool, 'site-s');
    const { cookie } = await login(token);
    const tokens = (await ctx.app.inject({ method: 'GET', url: '/v1/tokens', headers: { authorization: `Bearer ${token}` } })).json<{ tokens: { id: string; siteId: string }[] }>().tokens;
    expect(tokens.every((t) => t.siteId === 'site-s'), 'a site token lists its own site only').toBe(true);
    const id = must(tokens.at(-1)).id;
    const revoked = await ctx.app.inject({ method: 'DELETE', url: `/v1/tokens/${id}`, headers: { authorization: `Bearer ${admin}` } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await view(cookie)).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/sites', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('ends when its token is revoked with the CLI (401)', async () => {
    now = t0;
    const token = await createToken(ctx.pool, 'site-s');
    const { cookie } = await login(token);
    const { rows } = await ctx.pool.query<{ id: string }>('SELECT id::text FROM api_tokens ORDER BY id DESC LIMIT 1');
    process.env['DATABASE_URL'] = ctx.db.url;
    const lines: string[] = [];
    expect(await runCli(['token', 'revoke', must(rows[0]).id], (l) => lines.push(l), (l) => lines.push(l)), lines.join('\n')).toBe(0);
    expect((await view(cookie)).statusCode).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  it.each([
    ['no Origin', { host: HOST.host }],
    ['a foreign Origin', { host: HOST.host, origin: 'https://evil.example' }],
  ])('refuses a sign-in with %s (403)', async (_what, headers) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/dashboard/login', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: `token=${encodeURIComponent(admin)}` });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('CC_ERR_CROSS_ORIGIN');
  });

  it('refuses a logout and an API change from a foreign Origin (403)', async () => {
    const { cookie } = await login(admin);
    const out = await ctx.app.inject({ method: 'POST', url: '/dashboard/logout', headers: { cookie, host: HOST.host, origin: 'https://evil.example' } });
    expect(out.statusCode).toBe(403);
    expect((await view(cookie)).statusCode, 'still signed in').toBe(200);
    const api = await ctx.app.inject({ method: 'POST', url: '/v1/sites', headers: { authorization: `Bearer ${admin}`, host: HOST.host, origin: 'https://evil.example' }, payload: { id: 'evil-site', origins: ['https://evil.example'] } });
    expect(api.statusCode).toBe(403);
  });
});
