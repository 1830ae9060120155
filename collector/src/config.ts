/**
 * Server configuration from environment variables: one table of variables with defaults, parsed and validated at
 * start, with a message naming the variable and what it expects. Used by the server entry, startCollector and the CLI.
 */
import { resolve } from 'node:path';
import { POOL_MODES, type PoolMode } from './db/pool.js';
import { minimumRetentionDays } from './jobs/purge.js';

export interface ServerConfig {
  /** TCP port to listen on; 0 picks a free one. */
  readonly port: number;
  readonly host: string;
  /** External PostgreSQL; when absent an embedded cluster runs under `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** A read replica of `databaseUrl` for stats, CSV and the dashboard's charts; reporting then never slows ingest. */
  readonly databaseReadUrl: string | undefined;
  /** `transaction` when a transaction-mode pooler (PgBouncer) sits in front of the database URLs: no named statements. */
  readonly databasePoolMode: PoolMode;
  /** Embedded cluster, signing key and first admin token live here. */
  readonly dataDir: string;
  /** Proxy addresses/CIDRs whose X-Forwarded-For is believed; false when none. */
  readonly trustProxy: false | string[];
  /** Days receipts are kept; at least the consent lifetime plus one year. */
  readonly retentionDays: number;
  readonly rateLimitPerClient: number;
  readonly rateLimitPerSite: number;
  /** Receipts per minute per consent id. */
  readonly rateLimitPerConsent: number;
  /** Sign-in attempts per minute per client address. */
  readonly rateLimitLogin: number;
  /** Clinic API and dashboard requests per minute per client address. */
  readonly rateLimitApi: number;
  /** An admin token to accept (stored hashed); otherwise one is generated into `<dataDir>/admin-token`. */
  readonly adminToken: string | undefined;
  /** PKCS#8 PEM Ed25519 key file; default `<dataDir>/signing-key.pem`, created on first start. */
  readonly signingKeyFile: string;
  /** JWK set of every public key signed with; default `<dataDir>/public-keys.json`. Shared by all instances. */
  readonly publicKeysFile: string;
  /** Minutes between runs of the rollup, checkpoint and purge jobs. */
  readonly jobIntervalMinutes: number;
  /** Collector processes sharing the port (workers.ts); one per core the collector may use. */
  readonly workers: number;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is invalid: expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A postgres:// URL from the environment (TLS settings such as `sslmode` ride in its query string), or undefined. */
function postgresUrl(env: Env, name: string): string | undefined {
  const url = env[name] || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(`${name} is invalid: expected postgres://user:password@host:port/database`);
  }
  return url;
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const dataDir = resolve(env['DATA_DIR'] || 'data/collector');
  const databaseUrl = postgresUrl(env, 'DATABASE_URL');
  const databaseReadUrl = postgresUrl(env, 'DATABASE_READ_URL');
  if (databaseReadUrl && !databaseUrl) {
    throw new ConfigError('DATABASE_READ_URL is set without DATABASE_URL: a read replica needs its primary in DATABASE_URL (the embedded PostgreSQL has no replicas)');
  }
  const poolMode = env['DATABASE_POOL_MODE'] || 'session';
  if (!(POOL_MODES as readonly string[]).includes(poolMode)) {
    throw new ConfigError(`DATABASE_POOL_MODE=${poolMode} is invalid: expected ${POOL_MODES.join(' or ')} (transaction behind PgBouncer in transaction mode)`);
  }
  const trustRaw = (env['TRUST_PROXY'] ?? '').trim();
  let trustProxy: false | string[] = false;
  if (trustRaw === 'true' || trustRaw === '1') {
    throw new ConfigError(
      `TRUST_PROXY=${trustRaw} is not allowed: it would believe the left-most X-Forwarded-For, which any client writes; list the proxy addresses/CIDRs instead (e.g. TRUST_PROXY=10.0.0.5 or loopback)`,
    );
  } else if (trustRaw !== '' && trustRaw !== 'false' && trustRaw !== '0') {
    trustProxy = trustRaw.split(',').map((s) => s.trim());
    if (!trustProxy.every((s) => /^[0-9a-fA-F.:/]+$/.test(s) || ['loopback', 'linklocal', 'uniquelocal'].includes(s))) {
      throw new ConfigError(`TRUST_PROXY=${trustRaw} is invalid: expected false or a comma-separated list of proxy addresses/CIDRs`);
    }
  }
  const consentLifetime = int(env, 'CONSENT_LIFETIME_DAYS', 365, 1, 3650);
  const minRetention = minimumRetentionDays(consentLifetime);
  const retentionDays = int(env, 'RETENTION_DAYS', 3 * 365, 1, 36500);
  if (retentionDays < minRetention) {
    throw new ConfigError(`RETENTION_DAYS=${retentionDays} is too short: it must be at least the consent lifetime (${consentLifetime} days, CONSENT_LIFETIME_DAYS) plus one year = ${minRetention}`);
  }
  const adminToken = env['ADMIN_TOKEN'] || undefined;
  if (adminToken !== undefined && adminToken.length < 24) throw new ConfigError('ADMIN_TOKEN is too short: use at least 24 random characters');
  return {
    port: int(env, 'PORT', 8787, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
    databaseUrl,
    databaseReadUrl,
    databasePoolMode: poolMode as PoolMode,
    dataDir,
    trustProxy,
    retentionDays,
    rateLimitPerClient: int(env, 'RATE_LIMIT_PER_CLIENT', 300, 1, 10_000_000),
    rateLimitPerSite: int(env, 'RATE_LIMIT_PER_SITE', 60_000, 1, 100_000_000),
    rateLimitPerConsent: int(env, 'RATE_LIMIT_PER_CONSENT', 20, 1, 10_000),
    rateLimitLogin: int(env, 'RATE_LIMIT_LOGIN', 10, 1, 10_000),
    rateLimitApi: int(env, 'RATE_LIMIT_API', 600, 1, 10_000_000),
    adminToken,
    signingKeyFile: resolve(env['SIGNING_KEY_FILE'] || `${dataDir}/signing-key.pem`),
    publicKeysFile: resolve(env['PUBLIC_KEYS_FILE'] || `${dataDir}/public-keys.json`),
    jobIntervalMinutes: int(env, 'JOB_INTERVAL_MINUTES', 15, 1, 1440),
    workers: int(env, 'WORKERS', 1, 1, 64),
    logLevel: env['LOG_LEVEL'] || 'info',
  };
}
