// POST /v1/leaks and the dashboard's "Trackers that load before consent" (issue 19): a report from the SDK's leak
// monitor is checked against the shared schema (path and tracker ids by schema/shapes.ts), accepted only from a
// registered site's origin, counted once per report id as one browser per day, and listed per page and tracker
// with first and last seen, turning "fixed" once it stops.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeakReportV1 } from '../../schema/types.js';
import { FIXED_AFTER_DAYS, queryLeaks, storeLeak } from '../src/leaks.js';
import { createToken } from '../src/auth.js';
import { post, setup, SITE } from './helpers.js';

let ctx: Awaited<ReturnType<typeof setup>>;
let clock = new Date('2026-11-23T09:00:00.000Z');
beforeAll(async () => {
  ctx = await setup({ now: () => clock });
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

const report = (overrides: Record<string, unknown> = {}): LeakReportV1 =>
  ({ schema: 'clinic-consent/leak/1', id: randomUUID(), siteId: SITE, day: '2026-11-23', trackers: ['meta-pixel'], path: '/implants', ...overrides }) as LeakReportV1;

const rows = (path: string) =>
  ctx.pool
    .query<{ tracker: string; first_seen: Date; last_seen: Date; day: string; browsers: number }>(
      `SELECT l.tracker, l.first_seen, l.last_seen, to_char(d.day, 'YYYY-MM-DD') AS day, d.browsers
         FROM leaks l JOIN leak_days d USING (site_id, path, sensitive, tracker) WHERE l.site_id = $1 AND l.path = $2 ORDER BY l.tracker, d.day`,
      [SITE, path],
    )
    .then((result) => result.rows);

describe('POST /v1/leaks', () => {
  it('stores a report per page and tracker, readable cross-origin by the page that sent it', async () => {
    const res = await post(ctx.app, '/v1/leaks', report({ trackers: ['meta-pixel', 'google-analytics'] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ stored: true, duplicate: false });
    expect(res.headers['access-control-allow-origin']).toBe('https://clinic.example');
    expect((await rows('/implants')).map((row) => [row.tracker, row.day, row.browsers])).toEqual([
      ['google-analytics', '2026-11-23', 1],
      ['meta-pixel', '2026-11-23', 1],
    ]);
  });

  it('answers the preflight like the impression route', async () => {
    const res = await ctx.app.inject({ method: 'OPTIONS', url: '/v1/leaks', headers: { origin: 'https://clinic.example', 'access-control-request-method': 'POST' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-methods']).toBe('POST');
  });

  it('counts each reporting browser once per day, a resend of the same report not at all, and moves last seen', async () => {
    const path = '/%EC%98%88%EC%95%BD';
    const first = report({ path });
    expect((await post(ctx.app, '/v1/leaks', first)).statusCode).toBe(201);
    const resend = await post(ctx.app, '/v1/leaks', first);
    expect(resend.statusCode, 'a resend from the outbox').toBe(200);
    expect(resend.json()).toEqual({ stored: true, duplicate: true });
    expect((await post(ctx.app, '/v1/leaks', report({ path }))).statusCode, 'another browser').toBe(201);
    clock = new Date('2026-11-24T10:00:00.000Z');
    expect((await post(ctx.app, '/v1/leaks', report({ path, day: '2026-11-24' }))).statusCode).toBe(201);
    const stored = await rows(path);
    expect(stored.map((row) => [row.day, row.browsers])).toEqual([
      ['2026-11-23', 2],
      ['2026-11-24', 1],
    ]);
    expect(stored[0]?.first_seen.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(stored[0]?.last_seen.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('keeps a sensitive page as its rule index only', async () => {
    expect((await post(ctx.app, '/v1/leaks', report({ path: undefined, sensitive: 2 }))).statusCode).toBe(201);
    const { rows: kept } = await ctx.pool.query('SELECT path, sensitive FROM leaks WHERE site_id = $1 AND sensitive >= 0', [SITE]);
    expect(kept).toEqual([{ path: '', sensitive: 2 }]);
  });

  it.each([
    ['a path with a query', { path: '/implants?name=kim' }, 'body/path must match pattern'],
    ['a path not percent-encoded', { path: '/예약' }, 'body/path must match pattern'],
    ['a broken percent escape', { path: '/a%G1' }, 'body/path must match pattern'],
    ['a full URL', { path: 'https://clinic.example/implants' }, 'body/path must match pattern'],
    ['a path too long', { path: `/${'a'.repeat(512)}` }, 'body/path must NOT have more than 512 characters'],
    ['a tracker id with markup', { trackers: ['<img src=x>'] }, 'body/trackers/0 must match pattern'],
    ['no tracker', { trackers: [] }, 'body/trackers must NOT have fewer than 1 items'],
    ['an unknown field', { referrer: 'https://clinic.example/' }, 'unknown field "referrer"'],
    ['both a path and a sensitive index', { sensitive: 1 }, 'body must match exactly one schema in oneOf'],
    ['neither a path nor a sensitive index', { path: undefined }, "body must have required property 'path'"],
    ['a day that does not exist', { day: '2026-02-30' }, 'day "2026-02-30" is not a real date'],
  ])('refuses %s with a 400 naming the field', async (_name, overrides, message) => {
    const res = await post(ctx.app, '/v1/leaks', report(overrides));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CC_ERR_SCHEMA' });
    expect(res.json<{ message: string }>().message).toContain(message);
  });

  it('refuses an unregistered origin or site with a 403 the page can read', async () => {
    const origin = await post(ctx.app, '/v1/leaks', report(), { origin: 'https://evil.example' });
    expect(origin.statusCode).toBe(403);
    expect(origin.json()).toMatchObject({ code: 'CC_ERR_ORIGIN' });
    expect(origin.headers['access-control-allow-origin'], 'readable, so the SDK can say why').toBe('https://evil.example');
    const site = await post(ctx.app, '/v1/leaks', report({ siteId: 'no-such-clinic' }));
    expect(site.statusCode).toBe(403);
    expect(site.json()).toMatchObject({ code: 'CC_ERR_SITE_UNKNOWN' });
  });
});

describe('bounded growth', () => {
  it('stops adding new pages at the cap per site, while known ones still count', async () => {
    const at = new Date('2026-11-25T00:00:00.000Z');
    const before = Number((await ctx.pool.query('SELECT count(*) FROM leaks WHERE site_id = $1', [SITE])).rows[0].count);
    const cap = before + 1;
    expect(await storeLeak(ctx.pool, report({ path: '/one-more' }), at, cap)).toBe(true);
    expect(await storeLeak(ctx.pool, report({ path: '/over-the-cap' }), at, cap)).toBe(true);
    expect(await rows('/over-the-cap'), 'a new pair beyond the cap is not kept').toEqual([]);
    expect(await storeLeak(ctx.pool, report({ path: '/one-more' }), at, cap)).toBe(true);
    expect((await rows('/one-more')).map((row) => row.browsers)).toEqual([2]);
  });
});

describe('the dashboard section "Trackers that load before consent"', () => {
  let token: string;
  beforeAll(async () => {
    token = await createToken(ctx.pool, SITE);
  });
  const page = async (lang: string) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/dashboard/sites/${SITE}?lang=${lang}`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    return res.body.slice(res.body.indexOf('<section id="leaks">'), res.body.indexOf('</section>', res.body.indexOf('<section id="leaks">')));
  };

  it('lists each page and tracker with first and last seen, the Korean path readable, sensitive pages by rule only', async () => {
    clock = new Date('2026-11-25T12:00:00.000Z');
    const en = await page('en');
    expect(en).toContain('Trackers that load before consent');
    expect(en).toContain('<code>/예약</code>');
    expect(en).toContain('<code>/implants</code>');
    expect(en).toContain('sensitive page (sensitivePaths rule 3)');
    expect(en).toContain('meta-pixel');
    expect(en).toContain('still happening');
    expect(await page('ko')).toContain('동의 전에 로드되는 추적 도구');
    expect(await page('ja')).toContain('同意の前に読み込まれるトラッカー');
  });

  it(`shows a leak not seen for ${FIXED_AFTER_DAYS} days as fixed`, async () => {
    clock = new Date('2026-12-10T00:00:00.000Z');
    expect((await post(ctx.app, '/v1/leaks', report({ path: '/still-leaking', day: '2026-12-10' }))).statusCode).toBe(201);
    const leaks = await queryLeaks(ctx.pool, SITE, clock);
    expect(leaks[0], 'the ones still happening come first').toMatchObject({ path: '/still-leaking', fixed: false });
    expect(leaks.find((row) => row.path === '/implants')).toMatchObject({ fixed: true });
    expect(await page('en')).toContain(`not seen for over ${FIXED_AFTER_DAYS} days: probably fixed`);
  });

  it('renders a stored path and tracker id as text, never as markup', async () => {
    // Written past the route's checks, as a database writer could.
    await ctx.pool.query(`INSERT INTO leaks (site_id, path, tracker, first_seen, last_seen) VALUES ($1, '/<script>alert(1)</script>', '<img src=x onerror=alert(1)>', now(), now())`, [SITE]);
    const html = await page('en');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});
