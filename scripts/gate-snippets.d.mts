// Types for scripts/gate-snippets.mjs, for the tests that import it.
export { gateSnippets } from '../src/cli/gate.mjs';
