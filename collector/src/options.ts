/**
 * The options of `buildApp`, one doc line per field, and their defaults, normalised in one place.
 */
import type { Signer } from './crypto/signer.js';
import type { Pool } from './db/pool.js';

export interface RateLimitOptions {
  /** Requests per window per client address (kept in memory only). */
  readonly perClient: number;
  /** Requests per window per site, over all its visitors. */
  readonly perSite: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

export interface AppOptions {
  /** PostgreSQL pool with migrations applied. */
  readonly pool: Pool;
  /** Signs acknowledgments, checkpoints and tombstones. */
  readonly signer: Signer;
  /** Public keys of earlier signers, still served at GET /v1/keys so old acks stay verifiable. */
  readonly previousKeys?: readonly Signer['jwk'][];
  /** Rate limits for the ingest routes; `false` turns them off (fuzz tests, benchmarks). */
  readonly rateLimit?: RateLimitOptions | false;
  /** Fastify's trustProxy: true or the proxy addresses/CIDRs; only set behind a TLS proxy. */
  readonly trustProxy?: boolean | string | string[];
  /** Log requests (without addresses or user agents); `stream` redirects the JSON lines (tests read them). */
  readonly logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Maximum body size in bytes of receipts and impressions. */
  readonly bodyLimit?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

export const defaults = {
  rateLimit: { perClient: 300, perSite: 60_000, windowMs: 60_000 },
  trustProxy: false,
  logger: false,
  bodyLimit: 16 * 1024,
  now: () => new Date(),
} as const;

export type ResolvedOptions = Required<Omit<AppOptions, 'previousKeys'>> & { previousKeys: readonly Signer['jwk'][] };

export function resolveOptions(options: AppOptions): ResolvedOptions {
  return {
    pool: options.pool,
    signer: options.signer,
    previousKeys: options.previousKeys ?? [],
    rateLimit: options.rateLimit ?? defaults.rateLimit,
    trustProxy: options.trustProxy ?? defaults.trustProxy,
    logger: options.logger ?? defaults.logger,
    bodyLimit: options.bodyLimit ?? defaults.bodyLimit,
    now: options.now ?? defaults.now,
  };
}
