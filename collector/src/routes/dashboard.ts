/**
 * The server-rendered dashboard (Korean and English): sign-in with an API token that starts an opaque server-side
 * session (cookie on /dashboard only, HttpOnly, SameSite=Strict, Secure unless the host is loopback), the site
 * list, the stats page, the proof page and their CSV and JSON downloads. Every view is written to the audit log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, audit } from '../audit.js';
import { bearerToken, checkOrigin, isLoopbackHost, principalOf, readCookie, resolveToken, SESSION_COOKIE, type Principal } from '../auth.js';
import { fontRoutes } from '../dashboard/fonts.js';
import { loginPage, overviewPage, proofPage, statsPage } from '../dashboard/render.js';
import { pickLang, type Lang } from '../dashboard/i18n.js';
import { CollectorError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { buildProof } from '../proof/export.js';
import { verifyProof } from '../proof/verify.js';
import { limitClients } from '../ratelimit.js';
import { createSession, endSession, resumeSession } from '../sessions.js';
import { queryItemNames } from '../stats/names.js';
import { queryFacets, queryStats } from '../stats/query.js';
import { getSite } from '../sites.js';
import { exportProof, sendOverviewCsv, sendStatsCsv, siteAccess, siteOverview, statsQueryFrom } from './admin.js';
import { queryLeaks } from '../leaks.js';

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

function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = isLoopbackHost(request) ? '' : '; Secure';
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/dashboard; Max-Age=${maxAgeSeconds}${secure}`;
}

export async function dashboardRoutes(app: FastifyInstance, opts: { options: ResolvedOptions }): Promise<void> {
  const { options } = opts;
  const { pool, sessions } = options;
  if (options.rateLimit) await limitClients(app, options.rateLimit.api, options.rateLimit.windowMs);
  // Sign-in gets a much smaller quota of its own: it is where tokens would be guessed.
  const loginLimit = options.rateLimit ? { rateLimit: { max: options.rateLimit.login, timeWindow: options.rateLimit.windowMs } } : {};

  await fontRoutes(app);
  // Only this plugin parses HTML form posts; the ingest routes keep answering 415 for them.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  /** A bearer token (scripts) or the session cookie (browsers). */
  async function signedIn(request: FastifyRequest): Promise<Principal | undefined> {
    const token = bearerToken(request);
    if (token) return resolveToken(pool, token);
    const session = readCookie(request.headers.cookie, SESSION_COOKIE);
    return session ? resumeSession(pool, session, sessions, options.now()) : undefined;
  }

  // One hook for every dashboard route: the Origin of a state-changing request, then who is signed in.
  app.addHook('onRequest', async (request, reply) => {
    checkOrigin(request, true);
    if (request.routeOptions.config.public) return;
    request.principal = (await signedIn(request)) ?? null;
    if (!request.principal) return html(reply.code(401), loginPage(langOf(request), false));
  });

  app.post<{ Body: { token?: string } }>('/dashboard/login', { config: { public: true, ...loginLimit } }, async (request, reply) => {
    const token = typeof request.body?.token === 'string' ? request.body.token.trim() : '';
    const principal = token ? await resolveToken(pool, token) : undefined;
    if (!principal) return html(reply.code(401), loginPage(langOf(request), true));
    const session = await createSession(pool, principal, sessions, options.now());
    reply.header('set-cookie', sessionCookie(request, session, Math.floor(sessions.maxMs / 1000)));
    return reply.redirect(`/dashboard?lang=${langOf(request)}`, 303);
  });

  app.post('/dashboard/logout', { config: { public: true } }, async (request, reply) => {
    const session = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (session) await endSession(pool, session, options.now());
    reply.header('set-cookie', sessionCookie(request, '', 0));
    return reply.redirect('/dashboard', 303);
  });

  // One site's token goes straight to its site; the admin and a group's token see the overview of their sites.
  app.get<{ Querystring: Query }>('/dashboard', async (request, reply) => {
    const principal = principalOf(request);
    const lang = langOf(request);
    if (principal.scope.kind === 'site') return reply.redirect(`/dashboard/sites/${encodeURIComponent(principal.scope.siteId)}?lang=${lang}`, 303);
    return html(reply, overviewPage(lang, await siteOverview(options, principal, request.query)));
  });

  app.get<{ Querystring: Query }>('/dashboard/overview.csv', async (request, reply) => sendOverviewCsv(options, principalOf(request), request.query, reply));

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/dashboard/sites/:siteId', async (request, reply) => {
    const principal = principalOf(request);
    await siteAccess(options, principal, request.params.siteId);
    const site = await getSite(pool, request.params.siteId);
    if (!site) throw new CollectorError('CC_ERR_NOT_FOUND');
    const query = statsQueryFrom(site.id, request.query, options.now());
    // Reporting reads go to the read pool (a replica when configured); the audit row goes to the primary.
    const report = await queryStats(options.readPool, query);
    const facets = await queryFacets(options.readPool, site.id);
    const lang = langOf(request);
    const names = await queryItemNames(options.readPool, site.id, lang);
    const leaks = await queryLeaks(options.readPool, site.id, options.now());
    await audit(pool, actorOf(principal), 'dashboard.view', site.id, { page: 'stats', from: query.from, to: query.to });
    return html(reply, statsPage(lang, site, report, facets, { leaks, names, toOverview: principal.scope.kind !== 'site' }));
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/dashboard/sites/:siteId/stats.csv', async (request, reply) =>
    sendStatsCsv(options, principalOf(request), request.params.siteId, request.query, reply),
  );

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/dashboard/sites/:siteId/consents', async (request, reply) => {
    const principal = principalOf(request);
    await siteAccess(options, principal, request.params.siteId);
    const site = await getSite(pool, request.params.siteId);
    const consentId = request.query['consentId'] ?? '';
    if (!site) throw new CollectorError('CC_ERR_NOT_FOUND');
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(consentId)) throw new CollectorError('CC_ERR_QUERY', 'consentId is not a consent id');
    const proof = await buildProof(pool, options.keys, site.id, consentId, options.now());
    await audit(pool, actorOf(principal), 'proof.lookup', site.id, { consentId, receipts: proof.receipts.length });
    return html(reply, proofPage(langOf(request), site, proof, verifyProof(proof, options.keys)));
  });

  app.get<{ Params: { siteId: string }; Querystring: Query }>('/dashboard/sites/:siteId/proof.json', async (request, reply) => {
    const consentId = request.query['consentId'] ?? '';
    const proof = await exportProof(options, principalOf(request), request.params.siteId, consentId);
    reply.header('content-disposition', `attachment; filename="proof-${consentId}.json"`);
    return proof;
  });
}
