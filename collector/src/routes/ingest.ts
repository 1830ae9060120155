/**
 * The public, browser-facing routes: POST /v1/receipts, POST /v1/impressions, POST /v1/leaks (routes/leaks.ts) and their CORS preflights. Bodies are
 * JSON sent as text/plain (no preflight) or application/json, at most `bodyLimit` bytes; only registered origins.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RECEIPT_SCHEMA, type ImpressionV1 } from '../../../schema/types.js';
import { SIGNED_RECEIPT_SCHEMA, type AnyReceipt } from '../../../schema/device.js';
import { CollectorError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { KeyLimiter, limitClients } from '../ratelimit.js';
import { checkReceipt, parseStrictTime, storeReceipt } from '../receipts.js';
import { storeImpression } from '../impressions.js';
import { leakRoutes } from './leaks.js';
import { sharedSchemas } from '../schemas.js';
import type { SiteDirectory } from '../sites.js';
import { ReceiptWriter } from '../writer.js';

/** The body parser of both ingest routes (exported for the SDK's tests that ask "would this arrive?"). */
export function parseJson(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(new CollectorError('CC_ERR_BODY_EMPTY'));
    return;
  }
  let value: unknown;
  try {
    // JSON can carry a NUL only as the escape \u0000 (a raw one is a syntax error), so a text without that escape
    // needs no look at each string; the reviver, which costs more than the parse itself, runs only when it is there.
    value = text.includes('\\u0000') ? JSON.parse(text, refuseNul) : JSON.parse(text);
  } catch (error) {
    done(error instanceof CollectorError ? error : new CollectorError('CC_ERR_JSON', (error as Error).message));
    return;
  }
  done(null, value);
}

/**
 * One rule for every string of every body, names and values alike: no NUL (U+0000). JSON and the hash allow it,
 * PostgreSQL's text and jsonb do not, and one such receipt used to fail its whole group-commit batch (issue 14).
 */
function refuseNul(this: unknown, key: string, value: unknown): unknown {
  if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) {
    throw new CollectorError('CC_ERR_NUL', key.includes('\0') ? 'in a member name' : `in the value of "${key.slice(0, 80)}"`);
  }
  return value;
}

export async function ingestRoutes(app: FastifyInstance, opts: { options: ResolvedOptions; sites: SiteDirectory }): Promise<void> {
  const { options, sites } = opts;
  const schemas = sharedSchemas();
  const writer = new ReceiptWriter(options.pool, options.signer);
  const siteLimiter = options.rateLimit ? new KeyLimiter(options.rateLimit.perSite, options.rateLimit.windowMs, 'CC_ERR_RATE_SITE') : undefined;
  const consentLimiter = options.rateLimit ? new KeyLimiter(options.rateLimit.perConsent, options.rateLimit.windowMs, 'CC_ERR_RATE_CONSENT') : undefined;
  for (const version of schemas.receiptVersions) app.addSchema(version);

  // Our own parsers replace Fastify's so both media types get the same checks and the same error codes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: options.bodyLimit }, parseJson);

  if (options.rateLimit) await limitClients(app, options.rateLimit.perClient, options.rateLimit.windowMs);

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
  leakRoutes(app, { options, preflight, checkSite });

  // What an SDK asks before it signs: a version-2 receipt must never meet a collector that refuses it for good.
  app.get('/v1/receipts', async () => ({ schemas: [RECEIPT_SCHEMA, SIGNED_RECEIPT_SCHEMA] }));

  app.post('/v1/receipts', { schema: { body: schemas.receipt }, bodyLimit: options.bodyLimit }, async (request, reply) => {
    const receipt = request.body as AnyReceipt;
    const checked = checkReceipt(receipt);
    await checkSite(request, receipt.siteId);
    consentLimiter?.hit(`${receipt.siteId}:${receipt.consentId}`);
    const result = await storeReceipt(writer, receipt, checked, options.now());
    reply.code(result.duplicate ? 200 : 201);
    return result;
  });

  app.post('/v1/impressions', { schema: { body: schemas.impression }, bodyLimit: options.bodyLimit }, async (request, reply) => {
    const impression = request.body as ImpressionV1;
    if (!parseStrictTime(`${impression.day}T00:00:00Z`)) throw new CollectorError('CC_ERR_SCHEMA', `day "${impression.day}" is not a real date`);
    await checkSite(request, impression.siteId);
    const stored = await storeImpression(options.pool, impression, options.now());
    reply.code(stored ? 201 : 200);
    return { stored: true, duplicate: !stored };
  });
}
