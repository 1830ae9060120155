/**
 * `buildApp(options)`: the collector as a Fastify instance that never listens by itself (tests use `inject`, the
 * server entry listens). Wires error mapping, privacy-safe logging and the route plugins.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { toErrorBody } from './errors.js';
import { errorSummary, serializers } from './logging.js';
import { resolveOptions, type AppOptions } from './options.js';
import { adminRoutes } from './routes/admin.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { ingestRoutes } from './routes/ingest.js';
import { keyRoutes } from './routes/keys.js';
import { AJV_OPTIONS } from './schemas.js';
import { SiteDirectory } from './sites.js';

export async function buildApp(appOptions: AppOptions): Promise<FastifyInstance> {
  const options = resolveOptions(appOptions);
  const logger =
    options.logger === false
      ? false
      : {
          level: options.logger === true ? 'info' : options.logger.level,
          ...(options.logger !== true && options.logger.stream ? { stream: options.logger.stream } : {}),
          serializers,
        };
  const app = Fastify({
    logger,
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimit,
    ajv: { customOptions: AJV_OPTIONS },
    return503OnClosing: true,
  });

  const sites = new SiteDirectory(options.pool);
  // A record for operators of which keys signed on this database, and when first; never read for verification.
  await options.pool.query('INSERT INTO signing_keys (kid, public_key) VALUES ($1, $2) ON CONFLICT (kid) DO NOTHING', [
    options.signer.kid,
    Buffer.from(options.signer.jwk.x, 'base64url'),
  ]);

  app.setErrorHandler((error, request, reply) => {
    const body = toErrorBody(error);
    if (body.status >= 500) request.log.error({ error: errorSummary(error) }, 'request failed');
    void reply.code(body.status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ code: 'CC_ERR_NOT_FOUND', status: 404, message: `not found: ${request.method} ${request.url.split('?')[0]}` });
  });

  app.decorateRequest('principal', null);
  app.get('/healthz', async () => {
    await options.pool.query('SELECT 1');
    return { ok: true };
  });
  await app.register(keyRoutes, { options });
  await app.register(ingestRoutes, { options, sites });
  await app.register(adminRoutes, { options, sites });
  await app.register(dashboardRoutes, { options });
  return app;
}
