/**
 * GET /v1/keys: every Ed25519 public key this collector has signed with (RFC 8037 JWKs), so anyone can verify an
 * acknowledgment, a checkpoint or a tombstone, including ones signed before a key rotation.
 */
import type { FastifyInstance } from 'fastify';
import type { PublicJwk } from '../crypto/signer.js';
import type { ResolvedOptions } from '../options.js';

export async function listKeys(options: Pick<ResolvedOptions, 'pool'>): Promise<PublicJwk[]> {
  const { rows } = await options.pool.query<{ kid: string; public_key: Buffer }>('SELECT kid, public_key FROM signing_keys ORDER BY created_at');
  return rows.map((row) => ({ kty: 'OKP', crv: 'Ed25519', x: row.public_key.toString('base64url'), kid: row.kid, alg: 'EdDSA', use: 'sig' }));
}

export async function keyRoutes(app: FastifyInstance, opts: { options: ResolvedOptions }): Promise<void> {
  app.get('/v1/keys', async (_request, reply) => {
    const keys = await listKeys(opts.options);
    for (const jwk of opts.options.previousKeys) if (!keys.some((key) => key.kid === jwk.kid)) keys.push(jwk);
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300');
    return { keys };
  });
}
