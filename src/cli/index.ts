// The `clinic-consent` command of the npm package, built to dist/cli/clinic-consent.mjs for plain Node:
//   clinic-consent check <config.json>            the SDK's own config check, one line per problem
//   clinic-consent gate <page.html> --out <file>  gates a template's tracker snippets (src/cli/gate.mjs)
//   clinic-consent scan <url> [--out <dir>]       crawls a site and reports its trackers (src/cli/scan/)
import { readFile } from 'node:fs/promises';
import { createMatcher } from '../blockers/guards/match.js';
import { catalogEntries } from '../blockers/trackers.js';
import { checkConfig } from '../config/check.js';
import { gateCommand } from './gate.mjs';
import { SCAN_USAGE, scanCommand } from './scan/command.js';

const USAGE = `usage: clinic-consent check <config.json>
       clinic-consent gate <page.html> [--out <gated.html> | --write] [--skip service,service]
       ${SCAN_USAGE}`;

/** The package's version, read from its package.json next to dist/cli/. */
async function version(): Promise<string> {
  try {
    return (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function check(file: string | undefined): Promise<number> {
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  let config: unknown;
  try {
    config = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`${file}: not a readable JSON file (${(error as Error).message})`);
    return 1;
  }
  const problems = checkConfig(config);
  for (const problem of problems) console.log(`${file}: ${problem}`);
  console.log(problems.length ? `${problems.length} problem(s) in ${file}.` : `${file}: no problems.`);
  return problems.length ? 1 : 0;
}

async function main([command, ...rest]: string[]): Promise<number> {
  if (command === 'check') return check(rest[0]);
  if (command === 'gate') return gateCommand(rest, createMatcher(catalogEntries()), 'clinic-consent gate');
  if (command === 'scan') return scanCommand(rest, await version());
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`clinic-consent: ${error.message}`);
    process.exit(1);
  },
);
