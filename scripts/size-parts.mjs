// What each part of the loader costs: builds dist/clinic-consent.js in memory once as it is and once
// per part with that part replaced by a no-op, and prints the brotli bytes each part adds. Read-only:
// writes nothing to dist/. `npm run size:parts`.
import { rollup } from 'rollup';
import { brotliCompressSync, constants } from 'node:zlib';
import { COMPILE_HINT, plugins } from '../rollup.config.mjs';

/** Each part: the modules it replaces (path suffix → a no-op with the same exports). */
const parts = {
  'tracker guards, catalog and tracking config': {
    'src/blockers/guards/index.ts': 'export function installGuards() {}',
    'src/blockers/trackers.ts': 'export function catalogEntries() { return []; }',
    'src/config/tracking.ts': 'export function resolveTracking() { return { entries: [], sensitivePaths: [], leakPaths: [] }; }',
  },
  'markup gating': { 'src/blockers/gate.ts': 'export function startGate() { return { refresh() {} }; }' },
  'Consent Mode': { 'src/blockers/consent-mode.ts': 'export function startConsentMode() { return () => {}; }' },
  '[data-cc-open] links (the floating button is a part of its own)': { 'src/loader/open-links.ts': 'export function openOnClick() {}' },
  'receipts hook': { 'src/receipts/hook.ts': 'export function hookReceipts() { return { shown() {}, history() {}, download() {} }; }' },
  'console messages': { 'src/errors.ts': 'export function report() {}' },
  'leak monitor': { 'src/loader/leaks.ts': 'export function watchLeaks() {}' },
  // The consent core, part by part (what is left after these is the store, the choice storage's glue
  // and the stages that run it all: src/consent/store.ts, storage/choice-storage.ts, loader/*.ts).
  'config resolution (defaults)': {
    'src/config/resolve.ts': "import { resolveTracking } from './tracking.js'; export const NECESSARY = 'necessary'; export const defaultSignals = {}; export function resolveConfig(config, trackers) { return { ...config, tracking: resolveTracking(config.tracking, trackers) }; }",
  },
  'config reading (data-config, JSON)': { 'src/config/read.ts': 'export function readRawConfig() { return window.ClinicConsentConfig; }' },
  'locale choice': {
    'src/config/locale-choice.ts': "export const BUNDLED_LOCALES = []; export const bundleFor = () => 'en'; export const pickLocale = () => 'en'; export const localeChoice = () => () => ({ locale: 'en', bundle: 'en' });",
  },
  'consent rules (snapshot, record, GPC, stricter)': {
    'src/consent/rules.ts': "export const GPC_CATEGORY = 'marketing'; export const initialSnapshot = () => ({}); export const snapshotOf = () => ({}); export const recordOf = () => ({}); export const everything = () => ({}); export const gpcRefusal = () => null; export const stricter = (a) => a; export const refusalOf = (c, r) => r;",
  },
  'fingerprints and hash': {
    'src/consent/fingerprint.ts': "export const hash = (text) => text; export const categoryFingerprint = () => ''; export const fingerprints = () => ({}); export const consentVersion = () => '';",
  },
  'consent ids': { 'src/consent/id.ts': "export const randomId = () => '';" },
  'choice cookie (encode, decode, read)': {
    'src/storage/choice-cookie.ts': "export const CHOICE_COOKIE = 'c'; export const HOST_CHOICE_COOKIE = 'h'; export const encodeChoice = () => ''; export const decodeChoice = () => null; export const readChoice = () => null;",
  },
  'IndexedDB access (idb-keyval, time limit, record check)': {
    'idb-keyval/dist/index.js': 'export const createStore = () => () => Promise.resolve(); export const promisifyRequest = () => Promise.resolve();',
    'src/storage/timeout.ts': 'export const timed = (promise) => promise;',
    'src/consent/record.ts': 'export const isRecord = () => true;',
  },
  'tab sync': { 'src/storage/tab-sync.ts': 'export const connectTabs = () => ({ announce() {} });' },
  'checked-config memory': { 'src/storage/checked-config.ts': 'export const stampFor = () => ""; export const wasChecked = () => true; export const rememberChecked = () => {};' },
};

async function loaderBytes(replacements = {}) {
  const bundle = await rollup({
    input: 'src/loader/index.ts',
    onwarn: () => undefined,
    plugins: [{ name: 'no-op-parts', load: (id) => Object.entries(replacements).find(([suffix]) => id.endsWith(suffix))?.[1] ?? null }, ...plugins(false, COMPILE_HINT)],
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
console.log(`  ${'the rest (store, storage glue, stages)'.padEnd(46)} ${kb(rest).padStart(8)}`);
