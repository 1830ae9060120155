// Types for src/cli/gate.mjs.
import type { Matcher } from '../blockers/guards/match.js';

export function gateSnippets(html: string, match: Matcher, skip?: readonly string[]): { html: string; changes: string[] };
export function gateCommand(argv: readonly string[], match: Matcher, usage?: string): Promise<number>;
