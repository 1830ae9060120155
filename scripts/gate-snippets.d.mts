// Types for scripts/gate-snippets.mjs, for the tests that import it.
import type { Matcher } from '../src/blockers/guards/match.js';

export function gateSnippets(html: string, match: Matcher, skip?: readonly string[]): { html: string; changes: string[] };
