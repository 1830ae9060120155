// Site isolation and the dashboard: site A's token never reads site B's stats, exports, proofs, dashboard or
// audit log; admins see all; every view, lookup and export lands in the audit log. Dashboard in Korean and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth.js';
import { createSite } from '../src/sites.js';
import { draft, post, seal, setup } from './helpers.js';

let ctx: Awaited<ReturnType<typeof setup>>;
let tokenA: string;
let tokenB: string;
let admin: string;
const consentB = 'consent_of_site_b_0001';

beforeAll(async () => {
  ctx = await setup();
  await createSite(ctx.pool, { id: 'site-b', origins: ['https://b.example'] });
  tokenA = await createToken(ctx.pool, 'demo-clinic');
  tokenB = await createToken(ctx.pool, 'site-b');
  admin = await createToken(ctx.pool, null);
  await post(ctx.app, '/v1/receipts', seal(draft({ siteId: 'site-b', consentId: consentB })), { origin: 'https://b.example' });
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

const get = (url: string, token?: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

describe('cross-site access', () => {
  const siteBUrls = ['/v1/sites/site-b/stats', '/v1/sites/site-b/stats.csv', `/v1/sites/site-b/consents/${consentB}`, '/dashboard/sites/site-b', `/dashboard/sites/site-b/consents?consentId=${consentB}`, '/v1/audit?siteId=site-b'];

  it.each(siteBUrls)("refuses site A's token on %s with 403", async (url) => {
    const res = await get(url, tokenA);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.body).not.toContain(consentB);
  });

  it.each(siteBUrls)("lets site B's own token and the admin read %s", async (url) => {
    expect((await get(url, tokenB)).statusCode).toBe(200);
    expect((await get(url, admin)).statusCode).toBe(200);
  });

  it('answers 401 without a token and lists only its own site for a site token', async () => {
    expect((await get('/v1/sites/site-b/stats')).statusCode).toBe(401);
    expect((await get('/v1/sites', 'cc_site_forged_token_value')).statusCode).toBe(401);
    const sites = (await get('/v1/sites', tokenA)).json<{ sites: { id: string }[] }>().sites.map((s) => s.id);
    expect(sites).toEqual(['demo-clinic']);
  });

  it('lets only the admin create sites; the new site gets a working token', async () => {
    const payload = { id: 'site-c', origins: ['https://c.example/path'] };
    const denied = await ctx.app.inject({ method: 'POST', url: '/v1/sites', headers: { authorization: `Bearer ${tokenA}` }, payload });
    expect(denied.statusCode).toBe(403);
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/sites', headers: { authorization: `Bearer ${admin}` }, payload });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ site: { origins: string[] }; token: string }>();
    expect(body.site.origins, 'origins are normalised to what browsers send').toEqual(['https://c.example']);
    expect((await get('/v1/sites/site-c/stats', body.token)).statusCode).toBe(200);
    expect((await get('/v1/sites/site-b/stats', body.token)).statusCode).toBe(403);
    const again = await ctx.app.inject({ method: 'POST', url: '/v1/sites', headers: { authorization: `Bearer ${admin}` }, payload });
    expect(again.statusCode).toBe(409);
  });

  it('writes views, lookups and exports to the audit log', async () => {
    const { rows } = await ctx.pool.query<{ action: string }>("SELECT DISTINCT action FROM audit_log WHERE site_id = 'site-b' ORDER BY action");
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['dashboard.view', 'proof.export', 'proof.lookup', 'stats.export', 'stats.read']));
    const entries = (await get('/v1/audit?siteId=site-b', tokenB)).json<{ entries: { actor: string }[] }>().entries;
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.every((e) => /^(site|admin)-token:\d+$/.test(e.actor)), 'actors are token ids, not people or addresses').toBe(true);
  });
});

describe('dashboard', () => {
  // A browser's form post carries the page's own origin.
  const SAME_ORIGIN = { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:8787' };
  async function login(token: string): Promise<string> {
    const res = await ctx.app.inject({ method: 'POST', url: '/dashboard/login', headers: { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, payload: `token=${encodeURIComponent(token)}` });
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    return cookie.split(';')[0] ?? '';
  }

  it('shows a sign-in form without a session and refuses a wrong token', async () => {
    const res = await get('/dashboard');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('<form method="post" action="/dashboard/login');
    const wrong = await ctx.app.inject({ method: 'POST', url: '/dashboard/login', headers: { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, payload: 'token=nope' });
    expect(wrong.statusCode).toBe(401);
  });

  // Regression (issue 14, defect 4): decodeURIComponent threw on a malformed escape and the request got a 500.
  it('answers 401, not 500, for a session cookie that is not valid percent-encoding', async () => {
    const res = await get('/dashboard', undefined, { cookie: 'ccsess=%E0' });
    expect(res.statusCode).toBe(401);
  });

  it('renders the stats page with SVG charts in Korean by default and in English on request', async () => {
    const cookie = await login(tokenB);
    const ko = await get('/dashboard/sites/site-b', undefined, { cookie });
    expect(ko.statusCode).toBe(200);
    expect(ko.headers['content-type']).toContain('text/html');
    expect(ko.body).toContain('<html lang="ko"');
    expect(ko.body).toContain('동의율');
    expect(ko.body).toContain('<svg');
    expect(ko.body).toContain('/dashboard/sites/site-b/stats.csv?');
    const en = await get('/dashboard/sites/site-b?lang=en', undefined, { cookie });
    expect(en.body).toContain('Consent rate');
    expect(en.body).toContain('No choice');
    expect((await get('/dashboard/sites/demo-clinic', undefined, { cookie })).statusCode, 'the session is still site B only').toBe(403);
  });

  it('shows a proof with verified signatures', async () => {
    const cookie = await login(admin);
    const res = await get(`/dashboard/sites/site-b/consents?consentId=${consentB}&lang=en`, undefined, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Receipt history');
    expect(res.body).toContain('class="good">verified');
    expect(res.body).not.toContain('NOT verified');
  });

  it('escapes what it renders', async () => {
    const cookie = await login(admin);
    const res = await get('/dashboard/sites/site-b?locale=%3Cscript%3Ealert(1)%3C%2Fscript%3E', undefined, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
  });
});
