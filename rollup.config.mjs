// Builds three things into dist/:
// - clinic-consent.js: the classic-script loader a clinic pastes first in <head> (IIFE, no Lit);
// (ui/ and parts/ sit in a folder named by the version, scripts/chunk-folder.mjs)
// - ui/: the banner and preference center as ES modules, with one chunk per locale,
//   fetched by the loader only when something must be shown;
// - parts/: the other lazily loaded parts (config check, placeholder, receipts, impression, floating
//   button), each one file;
// - esm/: the same SDK as ES modules for sites that bundle (types come from tsc);
// - cli/: the package's `clinic-consent` command, for plain Node.
import { chmodSync, readdirSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { chunkFolder } from './scripts/chunk-folder.mjs';
import { minifyCssLiterals } from './scripts/minify-css.mjs';
import { sizeReport } from './scripts/size-report.mjs';

const production = process.env.BUILD !== 'dev';

/** The languages with a texts file (src/ui/locales/<code>.ts). */
const localeCodes = readdirSync('src/ui/locales')
  .map((name) => /^([a-z]+(?:-[a-z]+)?)\.ts$/i.exec(name)?.[1])
  .filter((code) => code && code !== 'index');

/**
 * The files a patient's browser downloads keep their source maps beside them but do not name them: the
 * `//# sourceMappingURL=` line costs the loader about 90 bytes of brotli on every page view (its last
 * line compresses against nothing), the UI entry about 50. A developer attaches `<file>.js.map` in the
 * browser's developer tools (or the server sends a `SourceMap` header). The ES module build, which
 * bundlers read, names its maps as before.
 */
const browserMaps = 'hidden';

/**
 * V8's explicit compile hint (Chrome 136 and later; other engines read a comment): compile every function
 * of the file as it loads, instead of pre-parsing each and parsing it again on its first call on the main
 * thread. Right for the loader, nearly all of whose functions run on every page view. It costs 19 bytes of
 * brotli. Measured with and without it (npm run bench:ab), the first visit's main-thread time fell by 4 ms
 * at 1x CPU and 17 ms at 4x; a returning visit, which also compiles what only a first visit or a decision
 * calls, moved within the noise. README "Sizes" has the figures.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The build's plugins; scripts/size-parts.mjs builds the loader with the same ones. `preamble` opens the file. */
export const plugins = (module, preamble) => [
  nodeResolve({ browser: true }),
  production && minifyCssLiterals(),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.base.json' }),
  production && terser({ module, ecma: 2021, compress: { passes: 3 }, format: { comments: false, preamble } }),
];

/**
 * A lazily loaded part that must import no other chunk: built on its own, so code it shares with
 * another part (schema/shapes.ts, say) is copied into it instead of being split into a chunk that
 * would tie it to the UI. The loader retries the receipts part under a new URL (loader/index.ts),
 * which only works for a module that no other module imports. test/unit/build/chunks.test.ts checks.
 */
const standalone = (name, input) => ({
  input,
  output: { file: `${chunkFolder}/parts/${name}.js`, format: 'es', sourcemap: browserMaps },
  plugins: plugins(true),
});

/**
 * npm marks a package's bin executable when it installs the package, but in a clone of this repository the
 * build writes the file after `npm install` has linked it: without this, `npx clinic-consent` answers
 * "Permission denied" there.
 */
const executable = () => ({ name: 'executable', writeBundle: ({ file }) => chmodSync(file, 0o755) });

export default [
  {
    input: 'src/loader/index.ts',
    output: { file: 'dist/clinic-consent.js', format: 'iife', sourcemap: browserMaps },
    plugins: plugins(false, COMPILE_HINT),
  },
  standalone('config-check', 'src/config/check-part.ts'),
  standalone('receipts', 'src/receipts/index.ts'),
  standalone('impression', 'src/receipts/impression.ts'),
  standalone('placeholder', 'src/blockers/placeholder.ts'),
  standalone('launcher', 'src/loader/launcher.ts'),
  {
    // Each locale's texts an entry of its own: the loader fetches them by URL (ui/locale-<code>.js).
    input: {
      'clinic-consent-ui': 'src/ui/index.ts',
      ...Object.fromEntries(localeCodes.map((code) => [`locale-${code}`, `src/ui/locales/${code}.ts`])),
    },
    // The UI entry may export more than its own module: the code it shares with the preference
    // center and the disclosure table then lives in it, instead of behind a facade file that would
    // cost the banner one more round trip.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: `${chunkFolder}/ui`,
      format: 'es',
      sourcemap: browserMaps,
      entryFileNames: '[name].js',
      chunkFileNames: '[name].js',
      // One file per locale, so a visitor downloads only the texts of the language shown (and the
      // consent history's texts, one file per locale too, only when it is opened).
      manualChunks: (id) => {
        const [, code] = /src\/ui\/clinic-consent\/history\/([a-z-]+)\.ts$/i.exec(id) ?? [];
        return code && `history-${code}`;
      },
    },
    plugins: plugins(true),
  },
  {
    input: 'src/cli/index.ts',
    output: { file: 'dist/cli/clinic-consent.mjs', format: 'es', banner: '#!/usr/bin/env node' },
    // playwright-core (the scan's browser driver) is an optional peer, imported only by `scan`, as is
    // @sparticuz/chromium, the scan's last place to find a browser.
    external: [/^node:/, 'playwright-core', '@sparticuz/chromium'],
    plugins: [esbuild({ target: 'node20', tsconfig: 'tsconfig.base.json' }), executable()],
  },
  {
    input: { index: 'src/index.ts' },
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: [/^lit/, /^@lit/, 'idb-keyval'],
    plugins: [...plugins(true), sizeReport()],
  },
];
