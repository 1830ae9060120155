// Finds a Chromium the way a clinic's machine has one: CHROME_PATH, an installed Chrome or Chromium
// (usual install paths, then the PATH), Playwright's own download, then @sparticuz/chromium (a headless
// Chromium shipped inside an npm package; this repository's tests use it, so a fresh clone can scan).
// Nothing is downloaded.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export class ScanError extends Error {}

const installed = (env: NodeJS.ProcessEnv): string[] => [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ...[env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
    .filter((folder): folder is string => !!folder)
    .map((folder) => join(folder, 'Google', 'Chrome', 'Application', 'chrome.exe')),
];

const onPath = (name: string): string | undefined => {
  try {
    const found = execFileSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return found.split(/\r?\n/)[0]?.trim() || undefined;
  } catch {
    return undefined;
  }
};

/** Where Playwright keeps its Chromium, when playwright-core is installed next to this package. */
const playwrightOwn = (): string | undefined => {
  try {
    return (createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } }).chromium.executablePath();
  } catch {
    return undefined;
  }
};

export const NO_CHROME = `No Chrome or Chromium found. Any one of these works:
  - set CHROME_PATH to a Chrome or Chromium executable;
  - install Google Chrome or Chromium (apt install chromium, brew install --cask chromium, or google.com/chrome);
  - download Playwright's Chromium: npx playwright-core install chromium;
  - or install a headless Chromium from npm beside this package: npm install @sparticuz/chromium`;

/** @sparticuz/chromium's binary, unpacked on first use, when that package is installed. */
async function packagedChromium(): Promise<string | undefined> {
  try {
    const { default: packaged } = (await import('@sparticuz/chromium')) as { default: { executablePath(): Promise<string> } };
    return await packaged.executablePath();
  } catch {
    return undefined;
  }
}

/** The executable to launch and where it was found; throws a ScanError naming the options. */
export async function findChrome(env: NodeJS.ProcessEnv = process.env): Promise<{ executablePath: string; source: string }> {
  if (env.CHROME_PATH) {
    if (!existsSync(env.CHROME_PATH)) throw new ScanError(`CHROME_PATH is set to ${env.CHROME_PATH}, but no file is there.`);
    return { executablePath: env.CHROME_PATH, source: 'CHROME_PATH' };
  }
  const path = installed(env).find((candidate) => existsSync(candidate));
  if (path) return { executablePath: path, source: 'installed' };
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']) {
    const found = onPath(name);
    if (found) return { executablePath: found, source: `PATH (${name})` };
  }
  const own = playwrightOwn();
  if (own && existsSync(own)) return { executablePath: own, source: 'playwright' };
  const packaged = await packagedChromium();
  if (packaged && existsSync(packaged)) return { executablePath: packaged, source: '@sparticuz/chromium' };
  throw new ScanError(NO_CHROME);
}
