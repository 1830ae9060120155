/**
 * POST /v1/leaks and its CORS preflight: leak reports from the SDK's monitor (src/loader/leaks.ts). Registered by
 * the ingest routes inside their own scope, so the same body parser, CORS hook, origin check and limits apply.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LeakReportV1 } from '../../../schema/types.js';
import { CollectorError } from '../errors.js';
import { storeLeak } from '../leaks.js';
import type { ResolvedOptions } from '../options.js';
import { parseStrictTime } from '../receipts.js';
import { sharedSchemas } from '../schemas.js';

export interface LeakRouteContext {
  readonly options: ResolvedOptions;
  /** The ingest routes' preflight answer. */
  preflight(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Throws unless the site is registered and the request comes from one of its origins; counts the site's quota. */
  checkSite(request: FastifyRequest, siteId: string): Promise<void>;
}

export function leakRoutes(app: FastifyInstance, { options, preflight, checkSite }: LeakRouteContext): void {
  app.options('/v1/leaks', preflight);
  app.post('/v1/leaks', { schema: { body: sharedSchemas().leak }, bodyLimit: options.bodyLimit }, async (request, reply) => {
    const report = request.body as LeakReportV1;
    if (!parseStrictTime(`${report.day}T00:00:00Z`)) throw new CollectorError('CC_ERR_SCHEMA', `day "${report.day}" is not a real date`);
    await checkSite(request, report.siteId);
    const stored = await storeLeak(options.pool, report, options.now());
    reply.code(stored ? 201 : 200);
    return { stored: true, duplicate: !stored };
  });
}
