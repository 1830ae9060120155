#!/usr/bin/env node
// Entry of the `clinic-consent-collector` command. The collector is TypeScript run through tsx's loader, so no
// separate build step is needed; see collector/README.md for the commands.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv.slice(2));
if (process.argv[2] !== undefined && process.argv[2] !== 'serve') process.exit(code);
