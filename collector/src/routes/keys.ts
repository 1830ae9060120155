/**
 * GET /v1/keys: every Ed25519 public key this collector has signed with (RFC 8037 JWKs), so anyone can verify an
 * acknowledgment, a checkpoint or a tombstone, including ones signed before a key rotation. The keys come from
 * the options (the key files), never from the database.
 */
import type { FastifyInstance } from 'fastify';
import type { ResolvedOptions } from '../options.js';

export async function keyRoutes(app: FastifyInstance, opts: { options: ResolvedOptions }): Promise<void> {
  app.get('/v1/keys', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300');
    return { keys: opts.options.keys };
  });
}
