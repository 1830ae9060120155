/**
 * The public, browser-facing routes: POST /v1/receipts, POST /v1/impressions and their CORS preflights. Bodies are
 * JSON sent as text/plain (no preflight) or application/json, at most `bodyLimit` bytes; only registered origins.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsentReceiptV1, ImpressionV1 } from '../../../schema/types.js';
import { CollectorError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { SiteLimiter } from '../ratelimit.js';
import { checkReceipt, parseStrictTime, storeReceipt } from '../receipts.js';
import { impressionSchema, receiptSchema } from '../schemas.js';
import type { SiteDirectory } from '../sites.js';
import { ReceiptWriter } from '../writer.js';

function parseJson(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(new CollectorError('CC_ERR_BODY_EMPTY'));
    return;
  }
  try {
    done(null, JSON.parse(text));
  } catch (error) {
    done(new CollectorError('CC_ERR_JSON', (error as Error).message));
  }
}

export async function ingestRoutes(app: FastifyInstance, opts: { options: ResolvedOptions; sites: SiteDirectory }): Promise<void> {
  const { options, sites } = opts;
  const writer = new ReceiptWriter(options.pool);
  const siteLimiter = options.rateLimit ? new SiteLimiter(options.rateLimit.perSite, options.rateLimit.windowMs) : undefined;

  // Our own parsers replace Fastify's so both media types get the same checks and the same error codes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: options.bodyLimit }, parseJson);

  if (options.rateLimit) {
    const limit = options.rateLimit;
    await app.register(rateLimit, {
      max: limit.perClient,
      timeWindow: limit.windowMs,
      // Addresses stay in this process's memory and are never logged or stored (issue 7, privacy).
      errorResponseBuilder: () => new CollectorError('CC_ERR_RATE_CLIENT', `more than ${limit.perClient} in ${limit.windowMs / 1000} s`),
    });
  }

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    // A POST's answer is readable by any origin: one from an unregistered origin is always refused, and the
    // page's SDK must read that 403 (CC_ERR_ORIGIN, CC_ERR_SITE_UNKNOWN) to keep the receipt and say why.
    if (origin && (request.method === 'POST' || (await sites.isKnownOrigin(origin)))) {
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    }
  });

  const preflight = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!reply.hasHeader('access-control-allow-origin')) {
      throw new CollectorError('CC_ERR_ORIGIN', request.headers.origin ?? '(none)');
    }
    reply
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .code(204)
      .send();
  };

  async function checkSite(request: FastifyRequest, siteId: string): Promise<void> {
    const site = await sites.get(siteId);
    if (!site) throw new CollectorError('CC_ERR_SITE_UNKNOWN', siteId);
    const origin = request.headers.origin;
    if (!origin || !site.origins.includes(origin)) throw new CollectorError('CC_ERR_ORIGIN', origin ?? '(none)');
    siteLimiter?.hit(site.id);
  }

  app.options('/v1/receipts', preflight);
  app.options('/v1/impressions', preflight);

  app.post('/v1/receipts', { schema: { body: receiptSchema }, bodyLimit: options.bodyLimit }, async (request, reply) => {
    const receipt = request.body as ConsentReceiptV1;
    const checked = checkReceipt(receipt);
    await checkSite(request, receipt.siteId);
    const result = await storeReceipt(writer, options.signer, receipt, checked, options.now());
    reply.code(result.duplicate ? 200 : 201);
    return result;
  });

  app.post('/v1/impressions', { schema: { body: impressionSchema }, bodyLimit: options.bodyLimit }, async (request, reply) => {
    const impression = request.body as ImpressionV1;
    if (!parseStrictTime(`${impression.day}T00:00:00Z`)) throw new CollectorError('CC_ERR_SCHEMA', `day "${impression.day}" is not a real date`);
    await checkSite(request, impression.siteId);
    const { rowCount } = await options.pool.query(
      `INSERT INTO impressions (id, site_id, day, locale, policy_version, sdk_version, device_class, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [impression.id, impression.siteId, impression.day, impression.locale, impression.policyVersion, impression.sdkVersion, impression.deviceClass, options.now()],
    );
    reply.code(rowCount === 1 ? 201 : 200);
    return { stored: true, duplicate: rowCount !== 1 };
  });
}
