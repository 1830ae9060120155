// c15t 2.2.1: headless core only (its UI packages are React), bundled with esbuild the way an app
// bundler would, plus the small vanilla banner from c15t-entry.js. Bundle and banner both count as c15t's.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackers } from '../page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BUNDLE = '/.tmp/bench/c15t.js';

/** @type {import('./index.mjs').Adapter} */
export default {
  id: 'c15t',
  label: 'c15t 2.2.1 (headless core)',
  setup: 'its ready-made banner needs React (@c15t/react), so this is its headless core `c15t`, bundled + minified by esbuild (ESM module script in <head>), offline mode, with the minimal vanilla DOM banner of its "Building UI" guide (counted in its size); its `scripts` option gates the trackers',
  async prepare(root) {
    await build({
      entryPoints: [resolve(here, 'c15t-entry.js')],
      outfile: resolve(root, `.${BUNDLE}`),
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      logLevel: 'warning',
      define: {
        'process.env.NODE_ENV': '"production"',
        'process.env.BENCH_ANALYTICS_SRC': JSON.stringify(trackers.analytics),
        'process.env.BENCH_MARKETING_SRC': JSON.stringify(trackers.marketing),
      },
    });
  },
  page: () => ({ head: `<script type="module" src="${BUNDLE}"></script>` }),
  own: (path) => path === BUNDLE,
  banner: `document.getElementById('c15t-banner')`,
  accept: '#c15t-accept',
  reject: '#c15t-reject',
};
