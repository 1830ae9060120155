// Where the build puts the lazily loaded chunks: dist/<version>/ui/ and dist/<version>/parts/. The loader
// asks for them under its own version (src/loader/index.ts), so a loader a browser still has cached never
// meets the chunks of a newer release: each release's chunks keep their own URLs.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The package's version, which src/loader/start.ts's VERSION repeats (test/unit/build/chunks.test.ts checks). */
export const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

/** The chunks' folder, relative to the repository: `dist/0.1.0`. */
export const chunkFolder = `dist/${version}`;
