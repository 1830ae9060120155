// The rollup of latest decisions (migration 026) must give exactly the numbers of raw consent_state, whatever
// happened since a day was rolled up: consent ids deciding again (on the same day or later), withdrawals, receipts
// stored late into rolled-up days, a purge falling back to an older receipt, rollup runs of two instances at once,
// and receipts stored while a run is in progress. Random sequences of those (fast-check prints the shortest one that
// fails), for a Seoul site and a UTC site, with and without the filters, checked after every step against counts
// taken from consent_state itself: the stats report and the overview across sites.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigner } from '../src/crypto/signer.js';
import { createPool, type Pool } from '../src/db/pool.js';
import { runPurge } from '../src/jobs/purge.js';
import { runRollup } from '../src/jobs/rollup.js';
import { queryOverview } from '../src/stats/overview.js';
import { queryStats, type Rates, type StatsQuery } from '../src/stats/query.js';
import { createTestDb, type TestDb } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = { seoul: 'Asia/Seoul', utc: 'UTC' } as const;
type Zone = keyof typeof ZONES;
const METHODS = ['accept-all', 'reject-all', 'preferences', 'gpc', 'withdraw'] as const;
const LOCALES = ['ko', 'en'] as const;
const POLICIES = ['2025-01', '2026-01'] as const;
const DEVICES = ['mobile', 'desktop'] as const;
const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
/** The test sites keep consents one day, so a purge with this retention removes receipts older than a year and a day. */
const RETENTION_DAYS = 367;

interface Decision {
  readonly zone: Zone;
  readonly consent: number;
  readonly method: (typeof METHODS)[number];
  readonly locale: (typeof LOCALES)[number];
  readonly policy: (typeof POLICIES)[number];
  readonly device: (typeof DEVICES)[number];
  /** Sent from an outbox: the browser's time is older than the consent id's other receipts, so it is not the latest. */
  readonly stale: boolean;
  /** Received this many days before the clock (a receipt stored late, into a day that may be rolled up). */
  readonly daysLate: number;
}

type Step =
  | { readonly kind: 'decide'; readonly decisions: readonly Decision[] }
  | { readonly kind: 'advance'; readonly hours: number }
  | { readonly kind: 'rollup' }
  | { readonly kind: 'two rollups' }
  | { readonly kind: 'rollup during ingest'; readonly decisions: readonly Decision[] }
  | { readonly kind: 'purge' };

const decision = (late: boolean): fc.Arbitrary<Decision> =>
  fc.record({
    zone: fc.constantFrom<Zone>('seoul', 'utc'),
    consent: fc.nat({ max: 5 }),
    method: fc.constantFrom(...METHODS),
    locale: fc.constantFrom(...LOCALES),
    policy: fc.constantFrom(...POLICIES),
    device: fc.constantFrom(...DEVICES),
    stale: fc.boolean(),
    // Only where the clock is in the past: a receipt stored late is logged by its age (see migration 026).
    daysLate: late ? fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.constant(400)) : fc.constant(0),
  });

const steps = (late: boolean): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('decide' as const), decisions: fc.array(decision(late), { minLength: 1, maxLength: 4 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 40 }) }) },
      { weight: 2, arbitrary: fc.constant({ kind: 'rollup' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'two rollups' as const }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('rollup during ingest' as const), decisions: fc.array(decision(late), { minLength: 1, maxLength: 6 }) }) },
      { weight: late ? 1 : 0, arbitrary: fc.constant({ kind: 'purge' as const }) },
    ),
    { minLength: 3, maxLength: 14 },
  );

const GRANTS: Record<Decision['method'], { granted: string[]; denied: string[]; grantedSvc: string[]; deniedSvc: string[] }> = {
  'accept-all': { granted: ['analytics', 'marketing'], denied: [], grantedSvc: ['medisian-ads'], deniedSvc: [] },
  'reject-all': { granted: [], denied: ['analytics', 'marketing'], grantedSvc: [], deniedSvc: ['medisian-ads'] },
  preferences: { granted: ['analytics'], denied: ['marketing'], grantedSvc: [], deniedSvc: ['medisian-ads'] },
  gpc: { granted: [], denied: ['analytics', 'marketing'], grantedSvc: [], deniedSvc: ['medisian-ads'] },
  withdraw: { granted: [], denied: ['analytics', 'marketing'], grantedSvc: [], deniedSvc: ['medisian-ads'] },
};

/** The decision fields a report gives per key, which the rollup must reproduce. */
const counted = (rates: Rates) => ({
  decisions: rates.decisions,
  acceptAll: rates.acceptAll,
  rejectAll: rates.rejectAll,
  custom: rates.custom,
  gpc: rates.gpc,
  withdrawals: rates.withdrawals,
  optIn: rates.optIn,
});

interface StateRow {
  day: string;
  locale: string;
  policy_version: string;
  device_class: string;
  method: string;
  granted: string[];
  denied: string[];
  granted_svc: string[];
  denied_svc: string[];
}

/** What a report must say, counted in the test from consent_state's rows. */
async function expected(pool: Pool, query: StatsQuery) {
  const { rows } = await pool.query<StateRow>(
    `SELECT ((c.received_at AT TIME ZONE s.time_zone)::date)::text AS day, c.locale, c.policy_version, c.device_class, c.method,
            c.granted, c.denied, c.granted_svc, c.denied_svc
       FROM consent_state c JOIN sites s ON s.id = c.site_id WHERE c.site_id = $1`,
    [query.siteId],
  );
  const chosen = rows.filter(
    (row) =>
      row.day >= query.from &&
      row.day <= query.to &&
      (query.locale === undefined || row.locale === query.locale) &&
      (query.policyVersion === undefined || row.policy_version === query.policyVersion) &&
      (query.deviceClass === undefined || row.device_class === query.deviceClass),
  );
  const by = (key: (row: StateRow) => string) => {
    const groups = new Map<string, StateRow[]>();
    for (const row of chosen) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, group]) => [k, tally(group)] as const);
  };
  const items = new Map<string, { granted: number; total: number }>();
  for (const row of chosen) {
    const named: Array<[string, string[], number]> = [
      ['category', row.granted, 1], ['category', row.denied, 0], ['service', row.granted_svc, 1], ['service', row.denied_svc, 0],
    ];
    for (const [kind, list, granted] of named) {
      for (const item of list) {
        const entry = items.get(`${kind}/${item}`) ?? { granted: 0, total: 0 };
        items.set(`${kind}/${item}`, { granted: entry.granted + granted, total: entry.total + 1 });
      }
    }
  }
  return {
    totals: tally(chosen),
    byDay: by((row) => row.day),
    byLocale: by((row) => row.locale),
    byPolicyVersion: by((row) => row.policy_version),
    byDeviceClass: by((row) => row.device_class),
    items: [...items.entries()].map(([key, value]) => [key, value.granted, value.total] as const).sort(),
  };
}

function tally(rows: readonly StateRow[]) {
  const n = (method: string): number => rows.filter((row) => row.method === method).length;
  return {
    decisions: rows.length,
    acceptAll: n('accept-all'),
    rejectAll: n('reject-all'),
    custom: n('preferences'),
    gpc: n('gpc'),
    withdrawals: n('withdraw'),
    optIn: rows.filter((row) => row.granted.length > 0 && row.method !== 'withdraw').length,
  };
}

async function actual(pool: Pool, query: StatsQuery) {
  const report = await queryStats(pool, query);
  const list = (groups: ReadonlyArray<{ key: string } & Rates>) => groups.map(({ key, ...rates }) => [key, counted(rates)] as const);
  return {
    totals: counted(report.totals),
    byDay: list(report.byDay.filter((day) => day.decisions > 0)),
    byLocale: list(report.byLocale),
    byPolicyVersion: list(report.byPolicyVersion),
    byDeviceClass: list(report.byDeviceClass),
    items: report.items.map((item) => [`${item.kind}/${item.id}`, item.granted, item.total] as const).sort(),
  };
}

/**
 * One world per test: its own database, two sites per run (a Seoul and a UTC one) and a clock that only moves on,
 * starting `start` (in the past: every receipt is old enough to be logged when it enters; in the future: as in
 * service, receipts enter as they arrive and only the rows they replace are logged).
 */
function world(start: Date) {
  let db: TestDb;
  let second: Pool;
  let clock = start.getTime();
  let run = 0;
  const signer = generateSigner();

  const sql = `INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version, device_class,
                 text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
               SELECT gen_random_uuid(), d.site, d.consent, md5(random()::text), NULL, 'ok', d.method, d.locale, d.policy, d.device, 't',
                      d.granted, d.denied, d.granted_svc, d.denied_svc, d.client_time, d.received_at, '{}', '{}'
                 FROM jsonb_to_recordset($1) AS d(site text, consent text, method text, locale text, policy text, device text,
                      granted text[], denied text[], granted_svc text[], denied_svc text[], client_time timestamptz, received_at timestamptz)`;
  async function store(pool: Pool, decisions: readonly Decision[]): Promise<void> {
    const rows = decisions.map((d, i) => {
      const received = clock - d.daysLate * DAY + i;
      const grants = GRANTS[d.method];
      return {
        site: `r${run}_${d.zone}`, consent: `c${d.consent}`, method: d.method, locale: d.locale, policy: d.policy, device: d.device,
        granted: grants.granted, denied: grants.denied, granted_svc: grants.grantedSvc, denied_svc: grants.deniedSvc,
        client_time: new Date(d.stale ? received - 900 * DAY : received).toISOString(), received_at: new Date(received).toISOString(),
      };
    });
    await pool.query(sql, [JSON.stringify(rows)]);
  }

  async function check(ranges: ReadonlyArray<Pick<StatsQuery, 'from' | 'to'>>, filters: ReadonlyArray<Partial<StatsQuery>>): Promise<void> {
    for (const zone of Object.keys(ZONES) as Zone[]) {
      for (const range of ranges) {
        for (const filter of filters) {
          const query = { siteId: `r${run}_${zone}`, ...range, ...filter };
          const want = await expected(db.pool, query);
          expect(await actual(db.pool, query), JSON.stringify(query)).toEqual(want);
          if (Object.keys(filter).length > 0) continue;
          const [site] = (await queryOverview(db.pool, [query.siteId], range.from, range.to)).sites;
          expect(site && [site.decisions, site.optIn, site.withdrawals], `overview ${JSON.stringify(query)}`).toEqual([want.totals.decisions, want.totals.optIn, want.totals.withdrawals]);
        }
      }
    }
  }

  /** Plays the steps on two new sites, checking the stats after each; returns the number of the run (in site ids). */
  async function play(plan: readonly Step[], filter: Partial<StatsQuery>, from: number): Promise<number> {
    run += 1;
    for (const zone of Object.keys(ZONES) as Zone[]) {
      await db.pool.query('INSERT INTO sites (id, name, time_zone, consent_lifetime_days) VALUES ($1, $1, $2, 1)', [`r${run}_${zone}`, ZONES[zone]]);
    }
    const begin = clock;
    for (const step of plan) {
      if (step.kind === 'decide') await store(db.pool, step.decisions);
      if (step.kind === 'advance') clock += step.hours * HOUR;
      if (step.kind === 'rollup') await runRollup(db.pool, new Date(clock));
      if (step.kind === 'two rollups') {
        const results = await Promise.all([runRollup(db.pool, new Date(clock)), runRollup(second, new Date(clock))]);
        expect(results.filter((result) => result.watermark !== null).length, 'one run or both in turn, none failed').toBeGreaterThan(0);
      }
      if (step.kind === 'rollup during ingest') await Promise.all([runRollup(db.pool, new Date(clock)), store(second, step.decisions)]);
      if (step.kind === 'purge') await runPurge(db.pool, signer, new Date(clock), RETENTION_DAYS);
      await check([{ from: dayOf(begin - from * DAY), to: dayOf(clock + DAY) }], [filter]);
    }
    const span = { from: dayOf(begin - 500 * DAY), to: dayOf(clock + DAY) };
    await check([span, { from: dayOf(clock - 2 * DAY), to: dayOf(clock) }], [{}, { locale: 'ko' }, { policyVersion: '2026-01', deviceClass: 'desktop' }]);
    clock += 2 * DAY;
    return run;
  }

  return {
    async open(): Promise<void> {
      db = await createTestDb();
      second = createPool(db.url, 4);
      // Something rolled up before the runs, as in service (a first run would otherwise start at the oldest receipt).
      await db.pool.query("INSERT INTO job_state (name, watermark) VALUES ('rollup', $1)", [dayOf(clock - 2 * DAY)]);
    },
    async close(): Promise<void> {
      await second.end();
      await db.close();
    },
    play,
    pool: (): Pool => db.pool,
  };
}

const filters = fc.constantFrom<Partial<StatsQuery>>({}, { locale: 'en' }, { policyVersion: '2025-01' }, { deviceClass: 'mobile' });

describe('stats through the rollup of latest decisions', () => {
  const past = world(new Date('2025-03-01T05:00:00Z'));
  // Well after now, so every receipt enters consent_state as a fresh one does in service.
  const future = world(new Date(Date.now() + 30 * DAY));
  beforeAll(async () => {
    await Promise.all([past.open(), future.open()]);
  });
  afterAll(async () => {
    await Promise.all([past.close(), future.close()]);
  });

  it('equal consent_state’s own counts after re-decisions, late receipts, purges and concurrent runs', async () => {
    await fc.assert(
      fc.asyncProperty(steps(true), filters, fc.integer({ min: 0, max: 5 }), async (plan, filter, from) => {
        await past.play(plan, filter, from);
      }),
      { numRuns: 10 },
    );
  });

  it('equal them after a purge falls back to an older receipt received on a rolled-up day', async () => {
    const base = { zone: 'seoul', consent: 0, locale: 'ko', policy: '2026-01', device: 'mobile' } as const;
    const run = await past.play(
      [
        { kind: 'decide', decisions: [{ ...base, method: 'accept-all', stale: false, daysLate: 400 }] },
        // From an outbox: older in the browser than the decision above, so not the latest.
        { kind: 'decide', decisions: [{ ...base, method: 'reject-all', stale: true, daysLate: 0 }] },
        { kind: 'advance', hours: 48 },
        { kind: 'rollup' },
        { kind: 'purge' },
      ],
      {},
      0,
    );
    const { rows } = await past.pool().query<{ method: string }>("SELECT method FROM consent_state WHERE site_id = $1 AND consent_id = 'c0'", [`r${run}_seoul`]);
    expect(rows.map((row) => row.method), 'the purged accept-all gave way to the older reject-all').toEqual(['reject-all']);
  });

  it('equal them when many consent ids decide alike on one day, and decide alike again after it was rolled up', async () => {
    // The rollup groups a day's decisions before it counts them (migration 034): groups of many must weigh as many.
    const alike = (method: Decision['method'], consents: number): Decision[] =>
      Array.from({ length: consents }, (_, consent) => ({ zone: 'utc', consent, method, locale: 'ko', policy: '2026-01', device: 'mobile', stale: false, daysLate: 0 }));
    await future.play(
      [
        { kind: 'decide', decisions: [...alike('accept-all', 6), ...alike('preferences', 4).map((d) => ({ ...d, consent: d.consent + 6 }))] },
        { kind: 'advance', hours: 48 },
        { kind: 'rollup' },
        { kind: 'decide', decisions: alike('reject-all', 5) },
        { kind: 'advance', hours: 48 },
        { kind: 'rollup' },
      ],
      {},
      0,
    );
  });

  it('equal them when receipts are stored as they arrive (only the rows they replace are logged)', async () => {
    await fc.assert(
      fc.asyncProperty(steps(false), filters, fc.integer({ min: 0, max: 5 }), async (plan, filter, from) => {
        await future.play(plan, filter, from);
      }),
      { numRuns: 10 },
    );
  });
});
