// Stats: rates per day, locale, policy version, device class, category and service; completed days come from the
// rollups built by the watermark job, today from raw rows, and both together give the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth.js';
import { proofPage, statsPage } from '../src/dashboard/render.js';
import { buildProof } from '../src/proof/export.js';
import { verifyProof } from '../src/proof/verify.js';
import { createSite, getSite } from '../src/sites.js';
import { runRollup } from '../src/jobs/rollup.js';
import type { StatsReport } from '../src/stats/query.js';
import { draft, impression, ORIGIN, post, seal, setup } from './helpers.js';

let now = new Date('2026-11-20T10:00:00Z');
let ctx: Awaited<ReturnType<typeof setup>>;
let token: string;

const prefs = {
  necessary: { granted: true, purpose: 'x' },
  analytics: { granted: true, purpose: 'x' },
  marketing: { granted: false, purpose: 'x' },
};
const denyAll = { ...prefs, analytics: { granted: false, purpose: 'x' } };
const svcDenied = { 'medisian-ads': { category: 'marketing', granted: false, purpose: 'x', thirdParty: 'Medisian Inc.', country: 'KR' } };

async function day(at: string, impressions: number, receipts: Parameters<typeof draft>[0][]): Promise<void> {
  now = new Date(at);
  for (let i = 0; i < impressions; i++) expect((await post(ctx.app, '/v1/impressions', impression({ day: at.slice(0, 10) }))).statusCode).toBe(201);
  for (const [i, overrides] of receipts.entries()) {
    const res = await post(ctx.app, '/v1/receipts', seal(draft({ consentId: `stats_${at.slice(0, 10)}_${i}_xxxxx`, ...overrides })));
    expect(res.statusCode, res.body).toBe(201);
  }
}

const stats = async (query: string, site = 'demo-clinic'): Promise<StatsReport> => {
  const res = await ctx.app.inject({ method: 'GET', url: `/v1/sites/${site}/stats?${query}`, headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<StatsReport>();
};

beforeAll(async () => {
  ctx = await setup({ now: () => now });
  token = await createToken(ctx.pool, null);
  await day('2026-11-20T10:00:00Z', 2, [{ method: 'accept-all' }]);
  await day('2026-11-21T23:59:00Z', 3, [{ method: 'reject-all', categories: denyAll, services: svcDenied, locale: 'en' }, { method: 'preferences', categories: prefs, services: svcDenied, deviceClass: 'desktop' }]);
  await day('2026-11-23T08:00:00Z', 2, [{ method: 'accept-all', policy: { url: 'https://clinic.example/privacy', version: '2026-11' } }]);
  now = new Date('2026-11-23T12:00:00Z');
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

describe('GET /v1/sites/:siteId/stats', () => {
  it('computes consent, accept-all, reject-all, custom and no-choice rates against banner views', async () => {
    const report = await stats('from=2026-11-20&to=2026-11-23');
    expect(report.totals).toMatchObject({ impressions: 7, decisions: 4, acceptAll: 2, rejectAll: 1, custom: 1, optIn: 3, withdrawals: 0 });
    expect(report.totals.consentRate, 'of the consent ids that decided').toBeCloseTo(3 / 4);
    expect(report.totals.noChoiceRate, 'of the banner views').toBeCloseTo(3 / 7);
    expect(report.byDay.map((d) => d.key), 'every day of the range, gaps included').toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(report.byDay[2], 'a day without data is marked as such, not as 0 %').toMatchObject({ impressions: 0, decisions: 0, empty: true });
    expect(report.byDay[1]?.empty).toBe(false);
    expect(report.byLocale.map((l) => [l.key, l.decisions])).toEqual([['en', 1], ['ko', 3]]);
    expect(report.byPolicyVersion.map((p) => [p.key, p.decisions])).toEqual([['2024-03', 3], ['2026-11', 1]]);
    const analytics = report.items.find((i) => i.kind === 'category' && i.id === 'analytics');
    expect(analytics, 'analytics granted by both accept-alls and the custom choice').toMatchObject({ granted: 3, total: 4, rate: 0.75 });
    expect(report.items.find((i) => i.id === 'necessary'), 'necessary is not a choice').toBeUndefined();
    expect(report.items.find((i) => i.kind === 'service')).toMatchObject({ id: 'medisian-ads', granted: 2, total: 4 });
  });

  it('gives the same numbers after the rollup job, reading completed days from rollups and today from raw rows', async () => {
    const before = await stats('from=2026-11-20&to=2026-11-23');
    const result = await runRollup(ctx.pool, now);
    expect(result.watermark, 'yesterday is the last completed day').toBe('2026-11-22');
    const after = await stats('from=2026-11-20&to=2026-11-23');
    expect(after.watermark).toBe('2026-11-22');
    expect(after.totals).toEqual(before.totals);
    expect(after.byDay).toEqual(before.byDay);
    expect(after.items).toEqual(before.items);
    // Proof that completed days' banner views now come from the rollups: the raw rows of 20 November are gone, the counts stay.
    await ctx.pool.query("DELETE FROM impressions WHERE received_at < '2026-11-21'");
    expect((await stats('from=2026-11-20&to=2026-11-20')).totals.impressions).toBe(2);
    const again = await runRollup(ctx.pool, now);
    expect(again.days, 'a second run has nothing to do').toEqual([]);
  });

  it('filters by device class and rejects a malformed range', async () => {
    const desktop = await stats('from=2026-11-20&to=2026-11-23&deviceClass=desktop');
    expect(desktop.totals.decisions).toBe(1);
    expect(desktop.totals.custom).toBe(1);
    for (const range of ['from=2026-11-30&to=2026-11-01', 'from=2026-02-30&to=2026-03-01', 'from=yesterday']) {
      const bad = await ctx.app.inject({ method: 'GET', url: `/v1/sites/demo-clinic/stats?${range}`, headers: { authorization: `Bearer ${token}` } });
      expect(bad.statusCode, range).toBe(400);
      expect(bad.json<{ code: string }>().code).toBe('CC_ERR_QUERY');
    }
  });

  it('exports one table per CSV file, headed in the dashboard language, rates in percent, no-data days left blank', async () => {
    const csv = async (query: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/v1/sites/demo-clinic/stats.csv?from=2026-11-20&to=2026-11-23&${query}`, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body.startsWith('\uFEFF'), 'a BOM, so spreadsheets read UTF-8').toBe(true);
      return { lines: res.body.slice(1).split('\r\n'), disposition: String(res.headers['content-disposition']) };
    };
    const days = await csv('table=days&lang=en');
    expect(days.disposition).toContain('consent-stats-demo-clinic-days-2026-11-20-2026-11-23.csv');
    expect(days.lines[0]).toBe('Day,Consent ids (latest decision in period),Accept all,Reject all (incl. GPC),Custom,Withdrawn,Allowing an optional category,Consent rate (%),Accept all (%),Reject all (%),Custom (%),Withdrawn (%),Banner views,No choice (% of views)');
    expect(days.lines).toContain('2026-11-21,2,0,1,1,0,1,50,0,50,50,0,3,33.3');
    expect(days.lines, 'no data is blank, not 0').toContain('2026-11-22,,,,,,,,,,,,,');
    const ko = await csv('table=categories&lang=ko');
    expect(ko.lines[0]).toBe('카테고리,이름,허용한 동의 ID,질문받은 동의 ID,허용률(%)');
    expect(ko.lines, 'no disclosure recorded: the name is the id').toContain('analytics,analytics,3,4,75');
    expect((await csv('table=summary&lang=ja')).lines[0]).toMatch(/^期間,同意ID数/);
    const bad = await ctx.app.inject({ method: 'GET', url: '/v1/sites/demo-clinic/stats.csv?table=everything', headers: { authorization: `Bearer ${token}` } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('summary, days, languages');
  });

  it('never lets a spreadsheet run a cell as a formula', async () => {
    const site = 'formula-clinic';
    await createSite(ctx.pool, { id: site, origins: [ORIGIN] });
    now = new Date('2026-11-20T10:00:00Z');
    await post(ctx.app, '/v1/receipts', seal(draft({ siteId: site, consentId: 'stats_formula_injection_1', locale: 'en', policy: { url: 'https://clinic.example/privacy', version: '=HYPERLINK("x")' } })));
    const res = await ctx.app.inject({ method: 'GET', url: `/v1/sites/${site}/stats.csv?from=2026-11-20&to=2026-11-20&table=policy-versions`, headers: { authorization: `Bearer ${token}` } });
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('each consent id counts once, by its latest decision', () => {
  it('an accept later withdrawn is a withdrawal, not consent; its categories count as not granted', async () => {
    const consentId = 'stats_withdrawn_after_accept_01';
    now = new Date('2026-11-24T09:00:00Z');
    const accepted = seal(draft({ consentId, method: 'accept-all', clientTime: '2026-11-24T09:00:00.000Z' }));
    expect((await post(ctx.app, '/v1/receipts', accepted)).statusCode).toBe(201);
    const day = await stats('from=2026-11-24&to=2026-11-24');
    expect(day.totals).toMatchObject({ decisions: 1, acceptAll: 1, optIn: 1, withdrawals: 0, consentRate: 1 });

    now = new Date('2026-11-24T09:05:00Z');
    const withdrawn = seal(
      draft({ consentId, method: 'withdraw', clientTime: '2026-11-24T09:05:00.000Z', categories: { ...denyAll }, services: svcDenied }),
      accepted.hash,
    );
    expect((await post(ctx.app, '/v1/receipts', withdrawn)).statusCode).toBe(201);
    const after = await stats('from=2026-11-24&to=2026-11-24');
    expect(after.totals, 'one consent id, withdrawn: "consent rate 100 %" beside "1 withdrawal" can no longer happen').toMatchObject({
      decisions: 1, acceptAll: 0, optIn: 0, withdrawals: 1, consentRate: 0, withdrawalRate: 1,
    });
    expect(after.items.find((i) => i.kind === 'category' && i.id === 'analytics')).toMatchObject({ granted: 0, total: 1 });

    // The accept arriving again late (resent from an outbox) does not bring the consent back.
    expect((await post(ctx.app, '/v1/receipts', accepted)).statusCode).toBe(200);
    expect((await stats('from=2026-11-24&to=2026-11-24')).totals).toMatchObject({ optIn: 0, withdrawals: 1 });
  });
});

describe('the dashboard page', () => {
  it('writes what each number means under it, shows withdrawals on their own, and draws a day without data as a gap', async () => {
    const report = await stats('from=2026-11-21&to=2026-11-24');
    const site = { id: 'demo-clinic', name: 'Demo', origins: [], consentLifetimeDays: 365 };
    const en = statsPage('en', site, report, { locales: [], policyVersions: [] });
    expect(en).toContain('Of the consent ids whose latest decision falls in this period');
    expect(en).toContain('one patient on two devices is two');
    expect(en).toContain('Days start at midnight in UTC.');
    expect(en).toMatch(/<small>Withdrawn<\/small><b>\d+(\.\d)?%<\/b><small>1 consent ids<\/small>/);
    expect(en, 'no data on 22 November: a dashed gap, not a 0 % dot').toContain('<title>2026-11-22: no data</title>');
    expect(en).not.toMatch(/<circle[^>]*><title>2026-11-22:/);
    const ko = statsPage('ko', site, report, { locales: [], policyVersions: [] });
    expect(ko).toContain('2026-11-22: 데이터 없음');
    expect(ko).toContain('한 환자가 기기 두 대를 쓰면 두 개로 셉니다');
  });
});

describe("days are the clinic's days", () => {
  it('a Seoul site (country KR) counts 01:30 KST as that day, in the stats and in the rollups', async () => {
    const site = await createSite(ctx.pool, { id: 'seoul-clinic', origins: [ORIGIN], country: 'KR' });
    expect(site.timeZone).toBe('Asia/Seoul');
    // 2026-11-25 16:30 UTC is 26 November, 01:30 in Seoul.
    now = new Date('2026-11-25T16:30:00Z');
    expect((await post(ctx.app, '/v1/impressions', impression({ siteId: 'seoul-clinic', day: '2026-11-25' }))).statusCode).toBe(201);
    expect((await post(ctx.app, '/v1/receipts', seal(draft({ siteId: 'seoul-clinic', consentId: 'stats_seoul_night_owl_01' })))).statusCode).toBe(201);
    now = new Date('2026-11-26T01:00:00Z');
    const before = await stats('from=2026-11-25&to=2026-11-26', 'seoul-clinic');
    expect(before.timeZone).toBe('Asia/Seoul');
    expect(before.byDay.map((d) => [d.key, d.impressions, d.decisions])).toEqual([['2026-11-25', 0, 0], ['2026-11-26', 1, 1]]);

    now = new Date('2026-11-27T12:00:00Z');
    await runRollup(ctx.pool, now);
    await ctx.pool.query("DELETE FROM impressions WHERE site_id = 'seoul-clinic'");
    const after = await stats('from=2026-11-25&to=2026-11-26', 'seoul-clinic');
    expect(after.byDay.map((d) => [d.key, d.impressions, d.decisions]), 'the rollup buckets by the Seoul day too').toEqual([['2026-11-25', 0, 0], ['2026-11-26', 1, 1]]);
  });

  it('refuses a country with several zones or an unknown zone, naming the fix', async () => {
    await expect(createSite(ctx.pool, { id: 'us-clinic', origins: [ORIGIN], country: 'US' })).rejects.toThrow(/give --time-zone/);
    await expect(createSite(ctx.pool, { id: 'mars-clinic', origins: [ORIGIN], timeZone: 'Mars/Olympus' })).rejects.toThrow(/not an IANA name/);
    expect((await createSite(ctx.pool, { id: 'la-clinic', origins: [ORIGIN], country: 'US', timeZone: 'America/Los_Angeles' })).timeZone).toBe('America/Los_Angeles');
  });
});

describe('the proof page', () => {
  it("shows times in the clinic's zone and in UTC, methods in words, and the texts laid out as the patient saw them", async () => {
    const site = await getSite(ctx.pool, 'seoul-clinic');
    const proof = await buildProof(ctx.pool, [], 'seoul-clinic', 'stats_seoul_night_owl_01', now);
    const html = proofPage('en', site!, proof, verifyProof(proof, []));
    expect(html).toContain('Times in Asia/Seoul, with UTC below.');
    expect(html, 'received 16:30 UTC is 01:30 the next day in Seoul').toMatch(/Nov 26, 2026, 1:30:00\s?AM<br><small>Nov 25, 2026, 4:30:00\s?PM UTC/);
    expect(html).toContain('<td>Accepted all</td>');
    expect(html).not.toContain('<td>accept-all</td>');
    const ko = proofPage('ko', site!, proof, verifyProof(proof, []));
    expect(ko).toContain('<td>모두 동의</td>');
  });

  it('orders SDK texts as on screen: banner title, body, buttons; then the preference center with its categories', async () => {
    const { renderShownTexts } = await import('../src/dashboard/proof-view.js');
    const html = renderShownTexts({ locale: 'en', strings: {
      rejectAll: 'Reject all', bannerBody: 'We use cookies.', acceptAll: 'Accept all', bannerTitle: 'Cookies on this website', choose: 'Choose cookies',
      prefsTitle: 'Cookie settings', analyticsPurpose: 'Count visits.', analyticsLabel: 'Analytics cookies', save: 'Save my choices', hide: 'Hide',
    } }, 'en');
    expect(html).toContain('<div class="shown-box"><h4>Cookies on this website</h4><p>We use cookies.</p><p class="shown-buttons"><span class="shown-button">Accept all</span> <span class="shown-button">Reject all</span> <span class="shown-button">Choose cookies</span></p></div>');
    expect(html).toContain('<h4>Cookie settings</h4><dl><dt>Analytics cookies</dt><dd>Count visits.</dd></dl>');
    expect(html).toContain('<dt><code>hide</code></dt><dd>Hide</dd>');
    expect(renderShownTexts({ locale: 'en', strings: { bannerTitle: '<img src=x onerror=alert(1)>' } }, 'en')).not.toContain('<img src=x');
  });
});
