// Types for scripts/chunk-folder.mjs.
export const version: string;
export const chunkFolder: string;
