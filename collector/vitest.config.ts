// Collector tests: one embedded PostgreSQL cluster per run (global setup), one database per test file.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['collector/test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['collector/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
