// Builds the collector to plain JavaScript in dist/, laid out as in the repository (see tsconfig.build.json), and
// copies beside it the files the code reads at run time: every migration and every JSON schema, found by pattern so
// a new migration or schema needs no change here.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const collector = fileURLToPath(new URL('..', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${collector}dist/`;

/** Copies the files of `from` whose names match `pattern` into `to`. */
function copyMatching(from, pattern, to) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).filter((file) => pattern.test(file))) cpSync(`${from}${name}`, `${to}${name}`);
}

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', `${collector}tsconfig.build.json`], { stdio: 'inherit' });
copyMatching(`${collector}migrations/`, /\.sql$/, `${dist}collector/migrations/`);
copyMatching(`${repo}schema/`, /\.schema\.json$/, `${dist}schema/`);
