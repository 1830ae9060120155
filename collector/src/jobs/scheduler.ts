/**
 * Runs the rollup, checkpoint and purge jobs once at start and then every few minutes, one run at a time, from
 * the entry points only (never from `buildApp`). A failed run is logged and retried at the next tick.
 */
import type { Signer } from '../crypto/signer.js';
import type { Pool } from '../db/pool.js';
import { errorSummary } from '../logging.js';
import { runCheckpoints } from './checkpoint.js';
import { runPurge } from './purge.js';
import { runRollup } from './rollup.js';

export interface JobLog {
  info(message: string): void;
  error(message: string): void;
}

export async function runJobsOnce(pool: Pool, signer: Signer, retentionDays: number, now = new Date(), log?: JobLog): Promise<void> {
  const rollup = await runRollup(pool, now);
  const checkpoints = await runCheckpoints(pool, signer, now);
  const purge = await runPurge(pool, signer, now, retentionDays);
  log?.info(
    `jobs: rolled up ${rollup.days.length} day(s) (watermark ${rollup.watermark ?? 'none'}), ${checkpoints.length} checkpoint(s), purged ${purge.receipts} receipt(s) and ${purge.impressions} impression(s) before ${purge.cutoff}`,
  );
}

export function scheduleJobs(pool: Pool, signer: Signer, retentionDays: number, intervalMinutes: number, log: JobLog): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = (): void => {
    if (running) return;
    running = runJobsOnce(pool, signer, retentionDays, new Date(), log)
      .catch((error: unknown) => log.error(`jobs failed: ${JSON.stringify(errorSummary(error))}`))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMinutes * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
