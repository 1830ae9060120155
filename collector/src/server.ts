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
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`clinic-consent-collector: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
