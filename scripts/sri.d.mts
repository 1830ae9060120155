// Types for scripts/sri.mjs, for the tests that import it.
export function sri(bytes: Uint8Array | string): string;
