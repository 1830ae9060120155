// The `clinic-consent` command of the npm package, built to dist/cli/clinic-consent.mjs for plain Node:
//   clinic-consent check <config.json> [--stamp]  the SDK's own config check, one line per problem;
//                                                 --stamp marks a passing config as checked (the loader then skips its runtime check)
//   clinic-consent gate <page.html> --out <file>  gates a template's tracker snippets (src/cli/gate.mjs)
//   clinic-consent scan <url> [--out <dir>]       crawls a site and reports its trackers (src/cli/scan/)
import { readFile, writeFile } from 'node:fs/promises';
import { createMatcher } from '../blockers/guards/match.js';
import { catalogEntries } from '../blockers/trackers.js';
import { checkConfig } from '../config/check.js';
import { VERSION } from '../loader/start.js';
import { stampFor } from '../storage/checked-config.js';
import { gateCommand } from './gate.mjs';
import { SCAN_USAGE, scanCommand } from './scan/command.js';

const USAGE = `usage: clinic-consent check <config.json> [--stamp]
       clinic-consent gate <page.html> [--out <gated.html> | --write] [--skip service,service]
       ${SCAN_USAGE}`;

async function check(args: string[]): Promise<number> {
  const stamp = args.includes('--stamp');
  const [file, ...extra] = args.filter((arg) => arg !== '--stamp');
  if (!file || extra.length) {
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
  if (problems.length) return 1;
  if (stamp) {
    // Only a config that passed is stamped; the stamp names the rest of it, so any later edit voids it.
    const checked = stampFor(config, VERSION);
    await writeFile(file, `${JSON.stringify({ ...(config as object), checked }, null, 2)}\n`);
    console.log(`${file}: stamped as checked (${checked}); the loader skips its runtime check while the config stays as it is.`);
  }
  return 0;
}

async function main([command, ...rest]: string[]): Promise<number> {
  if (command === 'check') return check(rest);
  if (command === 'gate') return gateCommand(rest, createMatcher(catalogEntries()), 'clinic-consent gate');
  if (command === 'scan') return scanCommand(rest, VERSION);
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
