/**
 * The token-protected JSON API for clinics: sites and tokens (admin), stats and CSV export, proof lookup and the
 * audit log. Every read of site data is checked by `assertSiteAccess` and written to the audit log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, audit, readAudit } from '../audit.js';
import { assertAdmin, assertSiteAccess, authenticate, createToken, type Principal } from '../auth.js';
import { CollectorError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { buildProof } from '../proof/export.js';
import { csvTable, statsToCsv } from '../stats/csv.js';
import { queryStats, type StatsQuery } from '../stats/query.js';
import { createSite, getSite, listSites, type SiteDirectory } from '../sites.js';

type Query = Record<string, string | undefined>;

/** Reads from/to (default: the last 30 days up to today) and the optional filters. */
export function statsQueryFrom(siteId: string, query: Query, now: Date): StatsQuery {
  const today = now.toISOString().slice(0, 10);
  const monthAgo = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  const pick = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (value.length > 64) throw new CollectorError('CC_ERR_QUERY', `${name} is too long`);
    return value;
  };
  return {
    siteId,
    from: pick('from') ?? monthAgo,
    to: pick('to') ?? today,
    locale: pick('locale'),
    policyVersion: pick('policyVersion'),
    deviceClass: pick('deviceClass'),
  };
}

/** Authenticates and checks the site: 401 without a token, 403 for another site's token, 404 for no such site. */
export async function siteAccess(options: ResolvedOptions, request: FastifyRequest, siteId: string): Promise<Principal> {
  const principal = await authenticate(options.pool, request);
  assertSiteAccess(principal, siteId);
  if (!(await getSite(options.pool, siteId))) throw new CollectorError('CC_ERR_NOT_FOUND', `site "${siteId}"`);
  return principal;
}

const CONSENT_ID = /^[A-Za-z0-9_-]{16,64}$/;

export async function adminRoutes(app: FastifyInstance, opts: { options: ResolvedOptions; sites: SiteDirectory }): Promise<void> {
  const { options, sites } = opts;
  const { pool } = options;

  app.get('/v1/sites', async (request) => {
    const principal = await authenticate(pool, request);
    const all = await listSites(pool);
    return { sites: principal.siteId === null ? all : all.filter((site) => site.id === principal.siteId) };
  });

  app.post('/v1/sites', async (request, reply) => {
    const principal = await authenticate(pool, request);
    assertAdmin(principal);
    const body = (request.body ?? {}) as { id?: unknown; name?: unknown; origins?: unknown; consentLifetimeDays?: unknown };
    if (typeof body.id !== 'string') throw new CollectorError('CC_ERR_QUERY', 'id is required');
    if (!Array.isArray(body.origins) || !body.origins.every((o): o is string => typeof o === 'string')) {
      throw new CollectorError('CC_ERR_QUERY', 'origins must be an array of URLs');
    }
    const site = await createSite(pool, {
      id: body.id,
      name: typeof body.name === 'string' ? body.name : undefined,
      origins: body.origins,
      consentLifetimeDays: typeof body.consentLifetimeDays === 'number' ? body.consentLifetimeDays : undefined,
    });
    const token = await createToken(pool, site.id, 'created with the site');
    sites.invalidate();
    await audit(pool, actorOf(principal), 'site.create', site.id, { origins: site.origins });
    reply.code(201);
    return { site, token };
  });

  app.post<{ Params: { siteId: string } }>('/v1/sites/:siteId/tokens', async (request, reply) => {
    const principal = await authenticate(pool, request);
    assertAdmin(principal);
    if (!(await getSite(pool, request.params.siteId))) throw new CollectorError('CC_ERR_NOT_FOUND', `site "${request.params.siteId}"`);
    const token = await createToken(pool, request.params.siteId, 'api');
    await audit(pool, actorOf(principal), 'token.create', request.params.siteId);
    reply.code(201);
    return { token };
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/v1/sites/:siteId/stats', async (request) => {
    const principal = await siteAccess(options, request, request.params.siteId);
    const query = statsQueryFrom(request.params.siteId, request.query, options.now());
    const report = await queryStats(pool, query);
    await audit(pool, actorOf(principal), 'stats.read', query.siteId, { from: query.from, to: query.to });
    return report;
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/v1/sites/:siteId/stats.csv', async (request, reply) => {
    const principal = await siteAccess(options, request, request.params.siteId);
    const query = statsQueryFrom(request.params.siteId, request.query, options.now());
    const table = csvTable(request.query['table']);
    const csv = statsToCsv(await queryStats(pool, query), table, request.query['lang'] ?? 'en');
    await audit(pool, actorOf(principal), 'stats.export', query.siteId, { from: query.from, to: query.to, table });
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="consent-stats-${query.siteId}-${table}-${query.from}-${query.to}.csv"`);
    return `\uFEFF${csv}`;
  });

  app.get<{ Params: { siteId: string; consentId: string } }>('/v1/sites/:siteId/consents/:consentId', async (request) => {
    const { siteId, consentId } = request.params;
    const principal = await siteAccess(options, request, siteId);
    if (!CONSENT_ID.test(consentId)) throw new CollectorError('CC_ERR_QUERY', 'consentId is not a consent id');
    const proof = await buildProof(pool, siteId, consentId, options.now());
    await audit(pool, actorOf(principal), 'proof.export', siteId, { consentId, receipts: proof.receipts.length });
    if (proof.receipts.length === 0 && proof.tombstones.length === 0) throw new CollectorError('CC_ERR_NOT_FOUND', `consent "${consentId}"`);
    return proof;
  });

  app.get<{ Querystring: Query }>('/v1/audit', async (request) => {
    const principal = await authenticate(pool, request);
    const siteId = request.query['siteId'] ?? principal.siteId;
    if (siteId) assertSiteAccess(principal, siteId);
    await audit(pool, actorOf(principal), 'audit.read', siteId ?? null);
    return { entries: await readAudit(pool, siteId ?? null) };
  });
}
