// Builds three things into dist/:
// - clinic-consent.js: the classic-script loader a clinic pastes first in <head> (IIFE, no Lit);
// - ui/: the Lit banner and preference center as ES modules, with one chunk per locale,
//   fetched by the loader only when something must be shown;
// - esm/: the same SDK as ES modules for sites that bundle (types come from tsc).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyCssLiterals } from './scripts/minify-css.mjs';
import { sizeReport } from './scripts/size-report.mjs';

const production = process.env.BUILD !== 'dev';

/** The build's plugins; scripts/size-parts.mjs builds the loader with the same ones. */
export const plugins = (module) => [
  nodeResolve({ browser: true }),
  production && minifyCssLiterals(),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.base.json' }),
  production && terser({ module, ecma: 2021, compress: { passes: 3 }, format: { comments: false } }),
];

export default [
  {
    input: 'src/loader/index.ts',
    output: { file: 'dist/clinic-consent.js', format: 'iife', sourcemap: true },
    plugins: plugins(false),
  },
  {
    input: { 'clinic-consent-ui': 'src/ui/index.ts', 'config-check': 'src/config/check.ts', placeholder: 'src/blockers/placeholder.ts', receipts: 'src/receipts/index.ts' },
    // The UI entry may export more than its own module: the code it shares with the preference
    // center and the disclosure table then lives in it, instead of behind a facade file that would
    // cost the banner one more round trip.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/ui',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: '[name].js',
      // One file per locale, so a visitor downloads only the texts of the language shown (and the
      // consent history's texts, one file per locale too, only when it is opened).
      manualChunks: (id) => {
        const [, folder, code] = /src\/ui\/(locales|clinic-consent\/history)\/([a-z-]+)\.ts$/i.exec(id) ?? [];
        return code && `${folder === 'locales' ? 'locale' : 'history'}-${code}`;
      },
    },
    plugins: plugins(true),
  },
  {
    input: { index: 'src/index.ts' },
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    external: [/^lit/, /^@lit/, 'idb-keyval'],
    plugins: [...plugins(true), sizeReport()],
  },
];
