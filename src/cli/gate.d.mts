// Types for src/cli/gate.mjs.
import type { Matcher } from '../blockers/guards/match.js';

export function gateSnippets(html: string, match: Matcher, skip?: readonly string[]): { html: string; changes: string[] };
export function gateCommand(argv: readonly string[], match: Matcher, usage?: string): Promise<number>;
export function attrValue(attrs: string, name: string): string | null;
export function isRunnable(type: string | null): boolean;
export function absolute(src: string): string;
