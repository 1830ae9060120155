/**
 * The token-protected JSON API for clinics: sites and tokens (admin), stats and CSV export, proof lookup and the
 * audit log. One hook authenticates every route by bearer token (never the dashboard's cookie, so no page can
 * call it on a signed-in user's behalf); every read of site data is checked by `assertSiteAccess` and audited.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PATTERNS } from '../../../schema/shapes.js';
import { actorOf, audit, readAudit } from '../audit.js';
import { assertAdmin, assertSiteAccess, authenticate, canReadSite, checkOrigin, createToken, listTokens, principalOf, revokeToken, visibleSiteIds, type Principal } from '../auth.js';
import { CollectorError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { buildProof, type ProofV1 } from '../proof/export.js';
import { limitClients } from '../ratelimit.js';
import { csvTable, statsToCsv } from '../stats/csv.js';
import { queryItemNames } from '../stats/names.js';
import { overviewToCsv, queryOverview, type OverviewReport } from '../stats/overview.js';
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

/** Checks the principal may read the site: 403 for another site's token, 404 for no such site. */
export async function siteAccess(options: ResolvedOptions, principal: Principal, siteId: string): Promise<void> {
  assertSiteAccess(principal, siteId);
  if (!(await getSite(options.pool, siteId))) throw new CollectorError('CC_ERR_NOT_FOUND', `site "${siteId}"`);
}

const CONSENT_ID = new RegExp(PATTERNS.consentId);

/**
 * The overview of the sites the principal may read, or of those named in `?sites=a,b` (each checked like a site in
 * the path: 403 for one outside the token's scope, existing or not). Read from the read pool.
 */
export async function siteOverview(options: ResolvedOptions, principal: Principal, query: Query): Promise<OverviewReport> {
  const named = query['sites'] ? query['sites'].split(',').filter(Boolean) : undefined;
  if (named && named.length > 1000) throw new CollectorError('CC_ERR_QUERY', 'sites names more than 1000 sites');
  named?.forEach((siteId) => assertSiteAccess(principal, siteId));
  const { from, to } = statsQueryFrom('', query, options.now());
  const report = await queryOverview(options.readPool, named ?? visibleSiteIds(principal), from, to);
  await audit(options.pool, actorOf(principal), 'overview.read', null, { from, to, sites: report.sites.map((site) => site.siteId) });
  return report;
}

/** The overview as a CSV download, for the API and the dashboard alike. */
export async function sendOverviewCsv(options: ResolvedOptions, principal: Principal, query: Query, reply: FastifyReply): Promise<string> {
  const report = await siteOverview(options, principal, query);
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="consent-overview-${report.from}-${report.to}.csv"`);
  return `\uFEFF${overviewToCsv(report, query['lang'])}`;
}

/** The stats CSV download, for the API and the dashboard alike. */
export async function sendStatsCsv(options: ResolvedOptions, principal: Principal, siteId: string, query: Query, reply: FastifyReply): Promise<string> {
  await siteAccess(options, principal, siteId);
  const stats = statsQueryFrom(siteId, query, options.now());
  const table = csvTable(query['table']);
  const lang = query['lang'] ?? 'en';
  const names = table === 'categories' || table === 'services' ? await queryItemNames(options.readPool, siteId, lang) : undefined;
  const csv = statsToCsv(await queryStats(options.readPool, stats), table, lang, names);
  await audit(options.pool, actorOf(principal), 'stats.export', siteId, { from: stats.from, to: stats.to, table });
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="consent-stats-${siteId}-${table}-${stats.from}-${stats.to}.csv"`);
  return `\uFEFF${csv}`;
}

/** The proof of one consent id as JSON, for the API and the dashboard's download alike. */
export async function exportProof(options: ResolvedOptions, principal: Principal, siteId: string, consentId: string): Promise<ProofV1> {
  await siteAccess(options, principal, siteId);
  if (!CONSENT_ID.test(consentId)) throw new CollectorError('CC_ERR_QUERY', 'consentId is not a consent id');
  const proof = await buildProof(options.pool, options.keys, siteId, consentId, options.now());
  await audit(options.pool, actorOf(principal), 'proof.export', siteId, { consentId, receipts: proof.receipts.length });
  if (proof.receipts.length === 0 && proof.tombstones.length === 0) throw new CollectorError('CC_ERR_NOT_FOUND', `consent "${consentId}"`);
  return proof;
}

export async function adminRoutes(app: FastifyInstance, opts: { options: ResolvedOptions; sites: SiteDirectory }): Promise<void> {
  const { options, sites } = opts;
  const { pool } = options;
  if (options.rateLimit) await limitClients(app, options.rateLimit.api, options.rateLimit.windowMs);
  app.addHook('onRequest', async (request) => {
    checkOrigin(request, false);
    request.principal = await authenticate(pool, request);
  });

  app.get('/v1/sites', async (request) => {
    const principal = principalOf(request);
    return { sites: (await listSites(pool)).filter((site) => canReadSite(principal, site.id)) };
  });

  app.post('/v1/sites', async (request, reply) => {
    const principal = principalOf(request);
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
    const principal = principalOf(request);
    assertAdmin(principal);
    if (!(await getSite(pool, request.params.siteId))) throw new CollectorError('CC_ERR_NOT_FOUND', `site "${request.params.siteId}"`);
    const token = await createToken(pool, request.params.siteId, 'api');
    await audit(pool, actorOf(principal), 'token.create', request.params.siteId);
    reply.code(201);
    return { token };
  });

  app.get('/v1/tokens', async (request) => ({ tokens: await listTokens(pool, principalOf(request).scope) }));

  // A site token may revoke its own site's tokens (itself included), a group token its group's and its sites'
  // tokens, the admin any token.
  app.delete<{ Params: { tokenId: string } }>('/v1/tokens/:tokenId', async (request) => {
    const principal = principalOf(request);
    const target = (await listTokens(pool, principal.scope)).find((token) => token.id === request.params.tokenId && token.revokedAt === null);
    const revoked = target ? await revokeToken(pool, target.id, options.now()) : undefined;
    if (!revoked) throw new CollectorError('CC_ERR_NOT_FOUND', `token ${request.params.tokenId}`);
    await audit(pool, actorOf(principal), 'token.revoke', revoked.siteId, { tokenId: request.params.tokenId });
    return { revoked: true };
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/v1/sites/:siteId/stats', async (request) => {
    const principal = principalOf(request);
    await siteAccess(options, principal, request.params.siteId);
    const query = statsQueryFrom(request.params.siteId, request.query, options.now());
    const report = await queryStats(options.readPool, query);
    await audit(pool, actorOf(principal), 'stats.read', query.siteId, { from: query.from, to: query.to });
    return report;
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/v1/sites/:siteId/stats.csv', async (request, reply) =>
    sendStatsCsv(options, principalOf(request), request.params.siteId, request.query, reply),
  );

  app.get<{ Params: { siteId: string; consentId: string } }>('/v1/sites/:siteId/consents/:consentId', async (request) =>
    exportProof(options, principalOf(request), request.params.siteId, request.params.consentId),
  );

  app.get<{ Querystring: Query }>('/v1/overview', async (request) => siteOverview(options, principalOf(request), request.query));
  app.get<{ Querystring: Query }>('/v1/overview.csv', async (request, reply) => sendOverviewCsv(options, principalOf(request), request.query, reply));

  app.get<{ Querystring: Query }>('/v1/audit', async (request) => {
    const principal = principalOf(request);
    const siteId = request.query['siteId'];
    if (siteId) assertSiteAccess(principal, siteId);
    await audit(pool, actorOf(principal), 'audit.read', siteId ?? (principal.scope.kind === 'site' ? principal.scope.siteId : null));
    return { entries: await readAudit(pool, siteId ? [siteId] : visibleSiteIds(principal)) };
  });
}
