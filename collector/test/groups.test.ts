// An agency runs many clinics: an operator groups sites with the CLI and issues a token for the group. That token
// reads its group's sites (stats, CSV, proofs, dashboard, an overview across them) and nothing else: another
// group's site is refused exactly like a site that does not exist, so the answer leaks nothing about it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth.js';
import { runCli } from '../src/cli.js';
import { createSite } from '../src/sites.js';
import { draft, post, seal, setup } from './helpers.js';

let ctx: Awaited<ReturnType<typeof setup>>;
let agency: string;
let admin: string;
let siteB: string;
const consentA = 'group_test_consent_a1_0';
const consentB = 'group_test_consent_b1_0';

async function cli(args: string[]): Promise<string> {
  const lines: string[] = [];
  const code = await runCli(args, (l) => lines.push(l), (l) => lines.push(l));
  expect(code, lines.join('\n')).toBe(0);
  return lines.join('\n');
}

/** Posts one receipt per method for consent ids `<prefix>_<i>` of the site. */
async function receipts(siteId: string, origin: string, prefix: string, methods: ReadonlyArray<'accept-all' | 'reject-all' | 'withdraw'>): Promise<void> {
  for (const [i, method] of methods.entries()) {
    const granted = method === 'accept-all';
    const categories = { necessary: { granted: true, purpose: '사이트 운영' }, analytics: { granted, purpose: '방문 분석' }, marketing: { granted, purpose: '이벤트 안내' } };
    const receipt = seal(draft({ siteId, consentId: `${prefix}_${i}`, method, categories, services: {}, clientTime: new Date().toISOString() }));
    const res = await post(ctx.app, '/v1/receipts', receipt, { origin });
    expect(res.statusCode, res.body).toBe(201);
  }
}

beforeAll(async () => {
  ctx = await setup();
  for (const id of ['clinic-a1', 'clinic-a2', 'clinic-b1']) await createSite(ctx.pool, { id, name: `Clinic ${id.slice(-2).toUpperCase()}`, origins: [`https://${id}.example`] });
  await receipts('clinic-a1', 'https://clinic-a1.example', 'group_test_consent_a1', ['accept-all', 'reject-all', 'withdraw']);
  await receipts('clinic-a2', 'https://clinic-a2.example', 'group_test_consent_a2', ['accept-all']);
  await receipts('clinic-b1', 'https://clinic-b1.example', 'group_test_consent_b1', ['accept-all', 'accept-all']);
  process.env['DATABASE_URL'] = ctx.db.url;
  expect(await cli(['group', 'add', 'agency-a', '--name', 'Agency A'])).toContain('group agency-a');
  expect(await cli(['group', 'add-site', 'agency-a', 'clinic-a1', 'clinic-a2'])).toContain('clinic-a1, clinic-a2');
  await cli(['group', 'add', 'agency-b']);
  await cli(['group', 'add-site', 'agency-b', 'clinic-b1']);
  agency = /API token \(shown once\): (\S+)/.exec(await cli(['token', 'add', '--group', 'agency-a']))?.[1] ?? '';
  expect(agency).toMatch(/^cc_group_/);
  siteB = await createToken(ctx.pool, 'clinic-b1');
  admin = await createToken(ctx.pool, null);
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

const get = (url: string, token = agency) => ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('a group token', () => {
  it('reads the stats, CSV and proofs of its own sites', async () => {
    expect((await get('/v1/sites/clinic-a1/stats')).json<{ totals: { decisions: number } }>().totals.decisions).toBe(3);
    expect((await get('/v1/sites/clinic-a2/stats.csv')).statusCode).toBe(200);
    expect((await get(`/v1/sites/clinic-a1/consents/${consentA}`)).json<{ receipts: unknown[] }>().receipts).toHaveLength(1);
    expect((await get(`/dashboard/sites/clinic-a1/consents?consentId=${consentA}`)).statusCode).toBe(200);
    const sites = (await get('/v1/sites')).json<{ sites: { id: string }[] }>().sites.map((s) => s.id);
    expect(sites).toEqual(['clinic-a1', 'clinic-a2']);
  });

  const foreign = (site: string, consent: string) => [
    `/v1/sites/${site}/stats`,
    `/v1/sites/${site}/stats.csv?table=summary`,
    `/v1/sites/${site}/consents/${consent}`,
    `/v1/audit?siteId=${site}`,
    `/v1/overview?sites=${site}`,
    `/v1/overview.csv?sites=${site}`,
    `/dashboard/sites/${site}`,
    `/dashboard/sites/${site}/stats.csv`,
    `/dashboard/sites/${site}/consents?consentId=${consent}`,
    `/dashboard/sites/${site}/proof.json?consentId=${consent}`,
    `/dashboard/overview.csv?sites=${site}`,
  ];

  it.each(foreign('clinic-b1', consentB).map((url, i) => [url, foreign('clinic-zz', consentB)[i] ?? '']))(
    "refuses another group's site on %s exactly as a site that does not exist (%s)",
    async (url, missing) => {
      const [other, none] = [await get(url), await get(missing)];
      expect(other.statusCode, other.body).toBe(403);
      expect(other.body).not.toContain(consentB);
      expect(other.body).not.toContain('clinic-b1');
      expect(none.statusCode).toBe(403);
      expect(none.body, 'the same answer, so existence does not show').toBe(other.body);
      expect((await get(url, siteB)).statusCode, "the site's own token reads it").toBe(200);
    },
  );

  it('sees its own and its sites’ tokens and audit entries, never another group’s', async () => {
    const tokens = (await get('/v1/tokens')).json<{ tokens: { siteId: string | null; groupId: string | null }[] }>().tokens;
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.groupId === 'agency-a' || t.siteId === 'clinic-a1' || t.siteId === 'clinic-a2')).toBe(true);
    await get(`/v1/sites/clinic-b1/stats`, siteB);
    const entries = (await get('/v1/audit')).json<{ entries: { siteId: string | null }[] }>().entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.siteId === 'clinic-a1' || entry.siteId === 'clinic-a2')).toBe(true);
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/sites', headers: { authorization: `Bearer ${agency}` }, payload: { id: 'clinic-a3', origins: ['https://a3.example'] } });
    expect(created.statusCode, 'creating sites stays the admin’s').toBe(403);
  });

  it('gets an overview across its sites: consent rate, consent ids, withdrawals, receipts and last receipt', async () => {
    const report = (await get('/v1/overview')).json<{ sites: Array<{ siteId: string; decisions: number; optIn: number; consentRate: number; withdrawals: number; receipts: number; lastReceiptAt: string | null }> }>();
    expect(report.sites.map((s) => s.siteId)).toEqual(['clinic-a1', 'clinic-a2']);
    expect(report.sites[0]).toMatchObject({ decisions: 3, optIn: 1, withdrawals: 1, receipts: 3 });
    expect(report.sites[0]?.consentRate).toBeCloseTo(1 / 3);
    expect(report.sites[1]).toMatchObject({ decisions: 1, optIn: 1, consentRate: 1, withdrawals: 0, receipts: 1 });
    expect(Date.now() - Date.parse(report.sites[0]?.lastReceiptAt ?? ''), 'the last receipt is recent').toBeLessThan(60_000);

    const csv = await get('/dashboard/overview.csv?lang=ko');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('사이트,이름,동의율 (%),동의 ID 수(기간 내 마지막 결정),철회,받은 영수증,마지막 영수증 수신 (UTC)');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 6).join(','))).toEqual(['clinic-a1,Clinic A1,33.3,3,1,3', 'clinic-a2,Clinic A2,100,1,0,1']);
  });

  it.each([
    ['ko', '마지막 영수증 수신'],
    ['en', 'Last receipt received'],
    ['ja', '最後のレシートの受信'],
  ])('shows the overview on the dashboard in %s, with its sites only', async (lang, heading) => {
    const page = await get(`/dashboard?lang=${lang}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain(heading);
    expect(page.body).toContain('href="/dashboard/sites/clinic-a1?');
    expect(page.body).toContain('Clinic A2');
    expect(page.body).not.toContain('clinic-b1');
    const site = await get(`/dashboard/sites/clinic-a1?lang=${lang}`);
    expect(site.body, 'a site page leads back to the overview').toContain(`<a href="/dashboard?lang=${lang}">`);
    expect((await get(`/dashboard/sites/clinic-b1?lang=${lang}`, siteB)).body, "a site token's page has no overview").not.toContain(`<a href="/dashboard?lang=${lang}">`);
    const all = await get(`/dashboard?lang=${lang}`, admin);
    expect(all.body, 'the admin sees every site').toContain('clinic-b1');
  });

  it('loses a site the moment it leaves the group', async () => {
    await cli(['group', 'remove-site', 'agency-a', 'clinic-a2']);
    expect((await get('/v1/sites/clinic-a2/stats')).statusCode).toBe(403);
    expect((await get('/v1/overview')).json<{ sites: { siteId: string }[] }>().sites.map((s) => s.siteId)).toEqual(['clinic-a1']);
    expect(await cli(['group', 'list'])).toContain('agency-a\tAgency A\tclinic-a1');
  });
});
