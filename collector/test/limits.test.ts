// Rate limits: per client address (kept in memory only) and per site, both answered with 429 and a stable code;
// and no IP address or user agent ends up in any table.
import { afterAll, expect, it } from 'vitest';
import { createToken } from '../src/auth.js';
import { createSite } from '../src/sites.js';
import { createTestDb, draft, impression, ORIGIN, post, seal, setup } from './helpers.js';

const db = await createTestDb();
afterAll(() => db.close());

it('limits one client to its quota and answers 429 CC_ERR_RATE_CLIENT', async () => {
  const { app } = await setup({ rateLimit: { perClient: 3, perSite: 1000, windowMs: 60_000 } }, db);
  const codes: number[] = [];
  for (let i = 0; i < 5; i++) codes.push((await post(app, '/v1/receipts', seal(draft({ consentId: `client_limit_${String(i).padStart(8, '0')}` })))).statusCode);
  expect(codes).toEqual([201, 201, 201, 429, 429]);
  const res = await post(app, '/v1/receipts', seal(draft()), {});
  expect(res.json<{ code: string }>().code).toBe('CC_ERR_RATE_CLIENT');
  const other = await app.inject({ method: 'POST', url: '/v1/receipts', remoteAddress: '198.51.100.7', headers: { 'content-type': 'text/plain', origin: ORIGIN }, payload: JSON.stringify(seal(draft({ consentId: 'client_limit_other_01' }))) });
  expect(other.statusCode, 'another client still gets through').toBe(201);
  await app.close();
});

it('limits one site over all its clients and answers 429 CC_ERR_RATE_SITE, leaving other sites alone', async () => {
  await createSite(db.pool, { id: 'second-clinic', origins: ['https://second.example'] });
  const { app } = await setup({ rateLimit: { perClient: 1000, perSite: 2, windowMs: 60_000 } }, db);
  const send = (i: number, site = 'demo-clinic', origin = ORIGIN) =>
    app.inject({
      method: 'POST',
      url: '/v1/impressions',
      remoteAddress: `203.0.113.${i}`,
      headers: { 'content-type': 'text/plain', origin },
      payload: JSON.stringify(impression({ siteId: site })),
    });
  expect((await send(1)).statusCode).toBe(201);
  expect((await send(2)).statusCode).toBe(201);
  const third = await send(3);
  expect(third.statusCode).toBe(429);
  expect(third.json<{ code: string }>().code).toBe('CC_ERR_RATE_SITE');
  expect((await send(4, 'second-clinic', 'https://second.example')).statusCode, 'the other site has its own quota').toBe(201);
  await app.close();
});

it('stores and logs no client address or user agent', async () => {
  const lines: string[] = [];
  const { app } = await setup({ rateLimit: false, logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } } }, db);
  await app.inject({
    method: 'POST',
    url: '/v1/receipts',
    remoteAddress: '192.0.2.99',
    headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': 'Mozilla/5.0 UniqueAgent/77' },
    payload: JSON.stringify(seal(draft({ consentId: 'privacy_check_0000001' }))),
  });
  const { rows } = await db.pool.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name ~* '^(ip|ua|.*_ip|ip_.*|.*addr.*|.*agent.*)$'",
  );
  expect(rows, 'no address or user-agent columns').toEqual([]);
  const dump = await db.pool.query<{ t: string }>('SELECT (SELECT string_agg(r::text, \' \') FROM receipts r) || (SELECT string_agg(a::text, \' \') FROM audit_log a) AS t');
  expect(dump.rows[0]?.t ?? '').not.toMatch(/192\.0\.2\.99|UniqueAgent/);
  expect(lines.length, 'requests were logged').toBeGreaterThan(0);
  expect(lines.join('\n'), 'log lines carry no address or agent').not.toMatch(/192\.0\.2\.99|UniqueAgent|remoteAddress/);
  await app.close();
});

// Regression (issue 14, defect 4): only the ingest routes were limited, so a client could try tokens without end.
it('limits sign-in attempts per client and answers 429', async () => {
  const { app } = await setup({ rateLimit: { perClient: 1000, perSite: 1000, windowMs: 60_000, login: 3, api: 1000 } }, db);
  const login = (remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/dashboard/login', remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded', host: '127.0.0.1', origin: 'http://127.0.0.1' }, payload: 'token=cc_admin_guessed_token_value' });
  const codes: number[] = [];
  for (let i = 0; i < 5; i++) codes.push((await login('198.51.100.20')).statusCode);
  expect(codes).toEqual([401, 401, 401, 429, 429]);
  expect((await login('198.51.100.21')).statusCode, 'another client still gets its own attempts').toBe(401);
  await app.close();
});

it('limits the clinic API per client and answers 429', async () => {
  const { app } = await setup({ rateLimit: { perClient: 1000, perSite: 1000, windowMs: 60_000, login: 1000, api: 3 } }, db);
  const token = await createToken(db.pool, 'demo-clinic');
  const codes: number[] = [];
  for (let i = 0; i < 5; i++) codes.push((await app.inject({ method: 'GET', url: '/v1/sites', remoteAddress: '198.51.100.30', headers: { authorization: `Bearer ${token}` } })).statusCode);
  expect(codes).toEqual([200, 200, 200, 429, 429]);
  await app.close();
});
