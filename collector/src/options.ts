/**
 * The options of `buildApp`, one doc line per field, and their defaults, normalised in one place.
 */
import type { Signer } from './crypto/signer.js';
import type { Pool } from './db/pool.js';
import type { SessionLimits } from './sessions.js';

export interface RateLimitOptions {
  /** Requests per window per client address (kept in memory only). */
  readonly perClient: number;
  /** Requests per window per site, over all its visitors. */
  readonly perSite: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
  /** Receipts per window per consent id, so one id cannot be flooded. */
  readonly perConsent?: number;
  /** Sign-in attempts per window per client address. */
  readonly login?: number;
  /** Requests per window per client address on the clinic API and the dashboard. */
  readonly api?: number;
}

export interface AppOptions {
  /** PostgreSQL pool with migrations applied: the primary, for ingest, audit log, proofs, sessions and jobs. */
  readonly pool: Pool;
  /**
   * A pool for reporting reads only (stats, CSV, the dashboard's charts and overview), e.g. on a read replica so
   * reporting never slows ingest; default `pool`. Never written to. Proofs stay on the primary: a lagging replica
   * could miss the very receipts a proof must show.
   */
  readonly readPool?: Pool;
  /** Signs acknowledgments, checkpoints and tombstones. */
  readonly signer: Signer;
  /**
   * Public keys of earlier signers (from the public-key file), served at GET /v1/keys and used for every
   * verification beside the signer's own. Never read from the database, which is what they check.
   */
  readonly previousKeys?: readonly Signer['jwk'][];
  /** Rate limits for the ingest routes; `false` turns them off (fuzz tests, benchmarks). */
  readonly rateLimit?: RateLimitOptions | false;
  /**
   * The addresses/CIDRs of the proxies in front of the collector, whose X-Forwarded-For is believed. Never `true`:
   * that would believe the left-most entry, which the client writes itself.
   */
  readonly trustProxy?: false | string | string[];
  /** Log requests (without addresses or user agents); `stream` redirects the JSON lines (tests read them). */
  readonly logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Maximum body size in bytes of receipts and impressions. */
  readonly bodyLimit?: number;
  /** How long a dashboard session lives without a request, and at most. */
  readonly sessions?: SessionLimits;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

export const defaults = {
  rateLimit: { perClient: 300, perSite: 60_000, windowMs: 60_000, perConsent: 20, login: 10, api: 600 },
  trustProxy: false,
  logger: false,
  bodyLimit: 16 * 1024,
  sessions: { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 },
  now: () => new Date(),
} as const;

export type ResolvedOptions = Required<Omit<AppOptions, 'previousKeys' | 'rateLimit'>> & {
  /** Every key to verify with: the signer's and the earlier ones, each once. */
  keys: readonly Signer['jwk'][];
  rateLimit: Required<RateLimitOptions> | false;
};

export function resolveOptions(options: AppOptions): ResolvedOptions {
  if ((options.trustProxy as unknown) === true) throw new TypeError('trustProxy: true is refused; list the proxy addresses');
  return {
    pool: options.pool,
    readPool: options.readPool ?? options.pool,
    signer: options.signer,
    keys: [options.signer.jwk, ...(options.previousKeys ?? []).filter((jwk) => jwk.kid !== options.signer.kid)],
    rateLimit: options.rateLimit === false ? false : { ...defaults.rateLimit, ...options.rateLimit },
    trustProxy: options.trustProxy ?? defaults.trustProxy,
    logger: options.logger ?? defaults.logger,
    bodyLimit: options.bodyLimit ?? defaults.bodyLimit,
    sessions: options.sessions ?? defaults.sessions,
    now: options.now ?? defaults.now,
  };
}
