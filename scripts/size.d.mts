// Types for scripts/size.mjs, which the unit tests import.

/** A module of dist/ plus every chunk it imports statically, following the graph (absolute paths). */
export function withStaticImports(file: string, seen?: Set<string>): Set<string>;
