/**
 * `startCollector(options)`: PostgreSQL (embedded unless a database URL is given), migrations, the app listening,
 * the background jobs, a first admin login and the demo site whose allowed origins are `siteOrigins`. The root
 * `npm start` calls it beside the demo web server; `server.ts` is the standalone entry.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ensureAdminToken } from './auth.js';
import { loadConfig, type ServerConfig } from './config.js';
import { loadKeys } from './crypto/keys.js';
import type { PublicJwk, Signer } from './crypto/signer.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { scheduleJobs } from './jobs/scheduler.js';
import { upsertSite } from './sites.js';

export interface StartOptions {
  /** Port to listen on; default 8787, 0 picks a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** External PostgreSQL; default DATABASE_URL, else an embedded cluster. */
  databaseUrl?: string;
  /** A read replica for stats, CSV and the dashboard's charts; default DATABASE_READ_URL, else the primary. */
  databaseReadUrl?: string;
  /** `transaction` behind PgBouncer in transaction mode; default DATABASE_POOL_MODE, else `session`. */
  databasePoolMode?: ServerConfig['databasePoolMode'];
  /** Embedded cluster, signing key and admin token; default DATA_DIR or ./data/collector. */
  dataDir?: string;
  /** Origins allowed to post receipts for the demo site (e.g. the demo page's origin). */
  siteOrigins?: string[];
}

export interface RunningCollector {
  readonly url: string;
  readonly dashboardUrl: string;
  /** An admin API token; paste it into the dashboard's sign-in form. */
  readonly adminLogin: string;
  readonly siteId: string;
  readonly publicKeyUrl: string;
  close(): Promise<void>;
}

export const DEMO_SITE_ID = 'demo-clinic';

/** The first admin token: ADMIN_TOKEN if set, else one generated once and kept in `<dataDir>/admin-token` (0600). */
function adminSecret(config: ServerConfig): string {
  if (config.adminToken) return config.adminToken;
  const file = join(config.dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const token = `cc_admin_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}

/** The URL a collector listening on `host`:`port` is reached at from this machine. */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * What must exist before any instance serves: the migrated database (opened by the caller), the signing key, the
 * first admin token and the demo site. Each is created if missing and read otherwise, so a primary can run this
 * once before its workers start (they then only read).
 */
export async function prepare(config: ServerConfig, db: OpenDatabase, siteOrigins?: readonly string[]): Promise<{ signer: Signer; keys: PublicJwk[]; adminLogin: string }> {
  const { signer, keys } = loadKeys(config);
  const adminLogin = adminSecret(config);
  await ensureAdminToken(db.pool, adminLogin, 'first admin');
  if (siteOrigins) await upsertSite(db.pool, { id: DEMO_SITE_ID, name: 'Demo Clinic', origins: siteOrigins, country: 'KR' });
  return { signer, keys, adminLogin };
}

/** Opens the database a configuration names: DATABASE_URL, or the embedded cluster under the data directory. */
export function openConfigured(config: ServerConfig): Promise<OpenDatabase> {
  return openDatabase({ databaseUrl: config.databaseUrl, databaseReadUrl: config.databaseReadUrl, poolMode: config.databasePoolMode, dataDir: config.dataDir, log: () => undefined });
}

/** Starts everything from a validated configuration; used by startCollector and the server entry. */
export async function launch(
  config: ServerConfig,
  extra: { siteOrigins?: readonly string[]; logger?: boolean | { level: string } } = {},
): Promise<RunningCollector & { app: FastifyInstance }> {
  const db = await openConfigured(config);
  let app: FastifyInstance | undefined;
  let stopJobs: (() => Promise<void>) | undefined;
  try {
    const { signer, keys, adminLogin } = await prepare(config, db, extra.siteOrigins);
    app = await buildApp({
      pool: db.pool,
      readPool: db.readPool,
      signer,
      previousKeys: keys,
      trustProxy: config.trustProxy,
      logger: extra.logger ?? { level: config.logLevel },
      rateLimit: { perClient: config.rateLimitPerClient, perSite: config.rateLimitPerSite, windowMs: 60_000, perConsent: config.rateLimitPerConsent, login: config.rateLimitLogin, api: config.rateLimitApi },
    });
    await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        throw new Error(`port ${config.port} on ${config.host} is already in use; choose another (PORT, or startCollector({ port }))`);
      }
      throw error;
    });
    const address = app.server.address();
    const url = localUrl(config.host, address && typeof address === 'object' ? address.port : config.port);
    const log = app.log;
    stopJobs = scheduleJobs(db.pool, signer, config.retentionDays, config.jobIntervalMinutes, {
      info: (message) => log.info(message),
      error: (message) => log.error(message),
    });
    const running = app;
    let closing: Promise<void> | undefined;
    return {
      app: running,
      url,
      dashboardUrl: `${url}/dashboard`,
      adminLogin,
      siteId: DEMO_SITE_ID,
      publicKeyUrl: `${url}/v1/keys`,
      close: () =>
        (closing ??= (async () => {
          await stopJobs?.();
          await running.close();
          await db.close();
        })()),
    };
  } catch (error) {
    await stopJobs?.();
    await app?.close();
    await db.close();
    throw error;
  }
}

export async function startCollector(options: StartOptions = {}): Promise<RunningCollector> {
  const env = { ...process.env };
  // PORT and HOST belong to whatever server embeds us (the demo); the collector's own come from options.
  delete env['PORT'];
  delete env['HOST'];
  const config = loadConfig(env);
  const merged: ServerConfig = {
    ...config,
    port: options.port ?? config.port,
    host: options.host ?? config.host,
    databaseUrl: options.databaseUrl ?? config.databaseUrl,
    databaseReadUrl: options.databaseReadUrl ?? config.databaseReadUrl,
    databasePoolMode: options.databasePoolMode ?? config.databasePoolMode,
    ...(options.dataDir
      ? {
          dataDir: options.dataDir,
          signingKeyFile: env['SIGNING_KEY_FILE'] ? config.signingKeyFile : join(options.dataDir, 'signing-key.pem'),
          publicKeysFile: env['PUBLIC_KEYS_FILE'] ? config.publicKeysFile : join(options.dataDir, 'public-keys.json'),
        }
      : {}),
  };
  const running = await launch(merged, { siteOrigins: options.siteOrigins ?? [], logger: { level: 'warn' } });
  return {
    url: running.url,
    dashboardUrl: running.dashboardUrl,
    adminLogin: running.adminLogin,
    siteId: running.siteId,
    publicKeyUrl: running.publicKeyUrl,
    close: running.close,
  };
}
