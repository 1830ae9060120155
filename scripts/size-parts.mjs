// What each part of the loader costs: builds dist/clinic-consent.js in memory once as it is and once
// per part with that part replaced by a no-op, and prints the brotli bytes each part adds. Read-only:
// writes nothing to dist/. `npm run size:parts`.
import { rollup } from 'rollup';
import { brotliCompressSync, constants } from 'node:zlib';
import { plugins } from '../rollup.config.mjs';

/** Each part: the modules it replaces (path suffix → a no-op with the same exports). */
const parts = {
  'tracker guards, catalog and tracking config': {
    'src/blockers/guards/index.ts': 'export function installGuards() {}',
    'src/blockers/trackers.ts': 'export function catalogEntries() { return []; }',
    'src/config/tracking.ts': 'export function resolveTracking() { return { entries: [], sensitivePaths: [], leakPaths: [] }; }',
  },
  'markup gating': { 'src/blockers/gate.ts': 'export function startGate() { return { refresh() {} }; }' },
  'Consent Mode': { 'src/blockers/consent-mode.ts': 'export function startConsentMode() { return () => {}; }' },
  'floating button': { 'src/loader/launcher.ts': 'export function installLauncher() {}' },
  'receipts hook': { 'src/receipts/hook.ts': 'export function hookReceipts() { return { shown() {}, history() {}, download() {} }; }' },
  'console messages': { 'src/errors.ts': 'export function report() {}' },
  'leak monitor': { 'src/loader/leaks.ts': 'export function watchLeaks() {}' },
};

async function loaderBytes(replacements = {}) {
  const bundle = await rollup({
    input: 'src/loader/index.ts',
    onwarn: () => undefined,
    plugins: [{ name: 'no-op-parts', load: (id) => Object.entries(replacements).find(([suffix]) => id.endsWith(suffix))?.[1] ?? null }, ...plugins(false)],
  });
  const { output } = await bundle.generate({ format: 'iife' });
  return brotliCompressSync(Buffer.from(output[0].code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const whole = await loaderBytes();
let rest = whole;
console.log(`loader ${kb(whole)} brotli; each part adds:`);
for (const [name, replacements] of Object.entries(parts)) {
  const added = whole - (await loaderBytes(replacements));
  rest -= added;
  console.log(`  ${name.padEnd(46)} ${kb(added).padStart(8)}`);
}
console.log(`  ${'the consent core (everything else)'.padEnd(46)} ${kb(rest).padStart(8)}`);
