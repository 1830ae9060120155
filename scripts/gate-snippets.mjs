#!/usr/bin/env node
// Gates the tracker snippets of a clinic's template (the logic is src/cli/gate.mjs, shared with the
// packaged `clinic-consent gate` command), loading the SDK's catalog from src/ through tsx.
//
//   npm run gate-snippets -- page.html --out gated.html   # gated HTML to a file, a summary on stderr
//   npm run gate-snippets -- page.html --write            # rewrite the file in place
//   node scripts/gate-snippets.mjs page.html > gated.html # stdout (npm run adds its own lines there)
//   npm run gate-snippets -- page.html --skip google-analytics,google-tag-manager   # Consent Mode "advanced"
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gateCommand } from '../src/cli/gate.mjs';

export { gateSnippets } from '../src/cli/gate.mjs';

async function main(argv) {
  // The catalog is TypeScript in src/; tsx (a devDependency) loads it without a build.
  const { tsImport } = await import('tsx/esm/api');
  const here = fileURLToPath(import.meta.url);
  const { createMatcher } = await tsImport('../src/blockers/guards/match.ts', here);
  const { catalogEntries } = await tsImport('../src/blockers/trackers.ts', here);
  return gateCommand(argv, createMatcher(catalogEntries()));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`gate-snippets: ${error.message}`);
      process.exit(1);
    },
  );
}
