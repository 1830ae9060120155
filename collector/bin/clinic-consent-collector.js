#!/usr/bin/env node
// Entry of the `clinic-consent-collector` command: the collector built to plain JavaScript (`npm run build`, which
// the published package ships), run by Node alone. See collector/README.md for the commands.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/collector/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('clinic-consent-collector: the collector is not built yet; run `npm run build` in the repository first');
  process.exit(1);
}
const { runCli } = await import(cli.href);
const code = await runCli(process.argv.slice(2));
if (process.argv[2] !== undefined && process.argv[2] !== 'serve') process.exit(code);
