/**
 * The server-rendered dashboard (Korean and English): login with an API token kept in an HttpOnly cookie, the
 * site list, the stats page and the proof page. Every view is written to the audit log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, audit } from '../audit.js';
import { authenticate, resolveToken, SESSION_COOKIE, type Principal } from '../auth.js';
import { fontRoutes } from '../dashboard/fonts.js';
import { loginPage, proofPage, sitesPage, statsPage } from '../dashboard/render.js';
import { pickLang, type Lang } from '../dashboard/i18n.js';
import { CollectorError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { buildProof } from '../proof/export.js';
import { verifyProof } from '../proof/verify.js';
import { listKeys } from './keys.js';
import { queryStats } from '../stats/query.js';
import { getSite, listSites } from '../sites.js';
import { siteAccess, statsQueryFrom } from './admin.js';

type Query = Record<string, string | undefined>;

function langOf(request: FastifyRequest): Lang {
  return pickLang((request.query as Query | undefined)?.['lang'], request.headers['accept-language']);
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")
    .send(body);
}

export async function dashboardRoutes(app: FastifyInstance, opts: { options: ResolvedOptions }): Promise<void> {
  const { options } = opts;
  const { pool } = options;

  await fontRoutes(app);
  // Only this plugin parses HTML form posts; the ingest routes keep answering 415 for them.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> {
    try {
      return await authenticate(pool, request);
    } catch (error) {
      if (error instanceof CollectorError && error.code === 'CC_ERR_UNAUTHORIZED') {
        void html(reply.code(401), loginPage(langOf(request), false));
        return undefined;
      }
      throw error;
    }
  }

  app.post<{ Body: { token?: string } }>('/dashboard/login', async (request, reply) => {
    const token = typeof request.body?.token === 'string' ? request.body.token.trim() : '';
    const principal = token ? await resolveToken(pool, token) : undefined;
    if (!principal) return html(reply.code(401), loginPage(langOf(request), true));
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200${secure}`);
    return reply.redirect(`/dashboard?lang=${langOf(request)}`, 303);
  });

  app.post('/dashboard/logout', async (_request, reply) => {
    reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return reply.redirect('/dashboard', 303);
  });

  app.get('/dashboard', async (request, reply) => {
    const principal = await signedIn(request, reply);
    if (!principal) return reply;
    const lang = langOf(request);
    if (principal.siteId !== null) return reply.redirect(`/dashboard/sites/${encodeURIComponent(principal.siteId)}?lang=${lang}`, 303);
    await audit(pool, actorOf(principal), 'dashboard.view', null, { page: 'sites' });
    return html(reply, sitesPage(lang, await listSites(pool)));
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/dashboard/sites/:siteId', async (request, reply) => {
    if (!(await signedIn(request, reply))) return reply;
    const principal = await siteAccess(options, request, request.params.siteId);
    const site = await getSite(pool, request.params.siteId);
    if (!site) throw new CollectorError('CC_ERR_NOT_FOUND');
    const query = statsQueryFrom(site.id, request.query, options.now());
    const report = await queryStats(pool, query);
    const facets = await pool.query<{ locales: string[] | null; versions: string[] | null }>(
      `SELECT (SELECT array_agg(DISTINCT locale ORDER BY locale) FROM rollup_receipts WHERE site_id = $1) || (SELECT array_agg(DISTINCT locale) FROM receipts WHERE site_id = $1 AND received_at > now() - interval '2 days') AS locales,
              (SELECT array_agg(DISTINCT policy_version ORDER BY policy_version) FROM rollup_receipts WHERE site_id = $1) || (SELECT array_agg(DISTINCT policy_version) FROM receipts WHERE site_id = $1 AND received_at > now() - interval '2 days') AS versions`,
      [site.id],
    );
    const uniq = (values: string[] | null | undefined): string[] => [...new Set(values ?? [])].sort();
    await audit(pool, actorOf(principal), 'dashboard.view', site.id, { page: 'stats', from: query.from, to: query.to });
    return html(reply, statsPage(langOf(request), site, report, { locales: uniq(facets.rows[0]?.locales), policyVersions: uniq(facets.rows[0]?.versions) }));
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/dashboard/sites/:siteId/consents', async (request, reply) => {
    if (!(await signedIn(request, reply))) return reply;
    const principal = await siteAccess(options, request, request.params.siteId);
    const site = await getSite(pool, request.params.siteId);
    const consentId = request.query['consentId'] ?? '';
    if (!site) throw new CollectorError('CC_ERR_NOT_FOUND');
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(consentId)) throw new CollectorError('CC_ERR_QUERY', 'consentId is not a consent id');
    const proof = await buildProof(pool, site.id, consentId, options.now());
    await audit(pool, actorOf(principal), 'proof.lookup', site.id, { consentId, receipts: proof.receipts.length });
    return html(reply, proofPage(langOf(request), site, proof, verifyProof(proof, await listKeys(options))));
  });
}
