// The one place that decides which Chromium the test runners and the benchmarks launch.
// Order: CHROME_PATH, Playwright's own browser, Debian's /usr/bin/chromium, then the
// @sparticuz/chromium devDependency, which ships a headless Chromium inside the npm package
// so that `npm install && npm test` needs nothing else on a fresh machine.
//
// @sparticuz/chromium unpacks its binary on first use. Running this file directly
// (`node test/support/chromium.mjs`, the pretest step) resolves once and writes the answer
// to .tmp/chromium.json, so parallel runners read a finished path instead of racing the unpack.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheFile = resolve(root, '.tmp/chromium.json');

// Without these, Chromium keeps calling home, and this machine's closed network refuses each call.
const quietFlags = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

// @sparticuz/chromium's defaults suit AWS Lambda; these would change what the tests observe:
// one process for all tabs, no same-origin policy, mixed content allowed.
const lambdaOnlyFlags = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

function fromKnownPaths() {
  if (process.env.CHROME_PATH) {
    if (!existsSync(process.env.CHROME_PATH)) {
      throw new Error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there.`);
    }
    return { executablePath: process.env.CHROME_PATH, args: ['--no-sandbox', ...quietFlags], source: 'CHROME_PATH' };
  }
  const playwrightOwn = playwrightExecutable();
  if (playwrightOwn && existsSync(playwrightOwn)) {
    return { executablePath: playwrightOwn, args: [...quietFlags], source: 'playwright' };
  }
  if (existsSync('/usr/bin/chromium')) {
    return { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', ...quietFlags], source: 'debian' };
  }
  return null;
}

function playwrightExecutable() {
  try {
    // Playwright knows where its own download would be, whether or not it was ever downloaded.
    return createRequire(resolve(root, 'package.json'))('playwright-core').chromium.executablePath();
  } catch {
    return null;
  }
}

async function fromSparticuz() {
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const executablePath = await sparticuz.executablePath();
  const args = sparticuz.args.filter((flag) => !lambdaOnlyFlags.has(flag));
  return { executablePath, args: [...args, ...quietFlags], source: '@sparticuz/chromium' };
}

/** Resolves the Chromium to launch, unpacking @sparticuz/chromium if it is the one chosen. */
export async function resolveChromium() {
  return fromKnownPaths() ?? (await fromSparticuz());
}

/**
 * The browser chosen by the pretest step, for configs that must be synchronous
 * (Playwright's). Falls back to the paths that need no unpacking.
 */
export function chromiumForRunners() {
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    if (existsSync(cached.executablePath)) return cached;
  }
  const known = fromKnownPaths();
  if (known) return known;
  throw new Error('No Chromium found: run `node test/support/chromium.mjs` first (npm test does).');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const chosen = await resolveChromium();
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(chosen, null, 2));
  console.log(`chromium: ${chosen.source} at ${chosen.executablePath}`);
}
