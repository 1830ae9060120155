// Starts the one embedded PostgreSQL cluster for the whole test run and hands its URL to the test files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-collector-test-'));
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
