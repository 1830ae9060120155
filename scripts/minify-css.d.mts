// Types for scripts/minify-css.mjs, which the unit tests import.
import type { Plugin } from 'rollup';

export function minifyCss(text: string): string;
export function minifyCssTemplates(code: string): string;
export function minifyCssLiterals(): Plugin;
