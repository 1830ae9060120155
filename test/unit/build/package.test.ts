// The npm package as a clinic's developer gets it: `npm pack`, installed into an empty project with no
// network, must hold a working `clinic-consent` command, the classic script with its chunks (loaded in
// Chromium from the installed folder), the ES module build with its types, and the schemas.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiteServer } from '../../../scripts/serve.mjs';
import { sri } from '../../../scripts/sri.mjs';
import { VERSION } from '../../../src/loader/start.js';
import { chromiumForRunners } from '../../support/chromium.mjs';
import { packAndInstall, repo, run } from '../../support/pack.js';

const goodConfig = { siteId: 'packaged-clinic', policy: { url: '/privacy.html', version: '2026-11-01' } };

/** Runs `npx clinic-consent …` in the project and resolves its exit code and output, failing or not. */
const npx = (cwd: string, ...args: string[]) =>
  run('npx', ['--no-install', 'clinic-consent', ...args], { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('in a clone of this repository', () => {
  it('the built command runs as `npx clinic-consent` (the build marks it executable; npm linked it before it existed)', async () => {
    // No arguments: the command prints its usage and exits 2.
    const output = await run('npx', ['--no-install', 'clinic-consent'], { cwd: repo }).then(
      () => 'exited 0',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(output).toContain('usage: clinic-consent check <config.json>');
  });
});

describe('the packed npm package, installed into an empty project', () => {
  let project = '';
  let installed = '';

  beforeAll(async () => {
    if (!existsSync(join(repo, 'dist/cli/clinic-consent.mjs'))) throw new Error('Build first: npm run build (npm test does).');
    ({ project, installed } = await packAndInstall({ prefix: 'cc-package-', dependencies: ['lit', 'idb-keyval'] }));
  }, 180_000);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('holds the classic script and its chunks, the ES module build with types, and the schemas', () => {
    for (const file of [
      'dist/clinic-consent.js',
      `dist/${VERSION}/ui/clinic-consent-ui.js`,
      `dist/${VERSION}/ui/locale-ko.js`,
      `dist/${VERSION}/parts/receipts.js`,
      `dist/${VERSION}/parts/config-check.js`,
      'dist/esm/index.js',
      'dist/types/src/index.d.ts',
      'schema/config.schema.json',
      'schema/receipt.v2.schema.json',
    ]) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
  });

  it('`clinic-consent check` passes a good config and names each problem of a bad one, exiting 1', async () => {
    await writeFile(join(project, 'good.json'), JSON.stringify(goodConfig));
    await writeFile(join(project, 'bad.json'), JSON.stringify({ siteId: 7, policy: { url: '/privacy.html', version: '1' }, bannerColour: 'red' }));
    const good = await npx(project, 'check', 'good.json');
    expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('no problems') });
    const bad = await npx(project, 'check', 'bad.json');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('bad.json: siteId: expected');
    expect(bad.stdout).toContain('bad.json: bannerColour: unknown field');
    expect(await npx(project, 'check')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: clinic-consent') });
  }, 60_000);

  it('`clinic-consent gate` gates a template with the catalog bundled in the package', async () => {
    await writeFile(join(project, 'page.html'), '<!doctype html><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>');
    const result = await npx(project, 'gate', 'page.html', '--out', 'gated.html');
    expect(result).toMatchObject({ code: 0, stderr: expect.stringContaining('google-analytics (analytics)') });
    expect(await readFile(join(project, 'gated.html'), 'utf8')).toContain('<script type="text/plain" data-consent="analytics" async src=');
  }, 60_000);

  it('the ES module build bundles into a site, and its types check a config', async () => {
    await writeFile(
      join(project, 'site.ts'),
      `import { start, VERSION, type ClinicConsentConfig } from 'clinic-consent';\n` +
        `const config: ClinicConsentConfig = ${JSON.stringify(goodConfig)};\n` +
        `(window as unknown as { bundled: unknown }).bundled = { version: VERSION, api: start(config) };\n`,
    );
    await writeFile(join(project, 'wrong.ts'), `import { start } from 'clinic-consent';\nstart({ siteId: 7 });\n`);
    const tsc = (file: string) =>
      run(join(repo, 'node_modules/.bin/tsc'), ['--noEmit', '--strict', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2021', '--lib', 'es2022,dom', '--skipLibCheck', file], { cwd: project }).then(
        () => '',
        (error: { stdout: string }) => error.stdout,
      );
    expect(await tsc('site.ts')).toBe('');
    expect(await tsc('wrong.ts')).toContain('wrong.ts');
    await build({ entryPoints: [join(project, 'site.ts')], absWorkingDir: project, bundle: true, format: 'esm', splitting: true, outdir: join(project, 'site/bundle'), logLevel: 'silent' });
    expect(existsSync(join(project, 'site/bundle/site.js'))).toBe(true);
  }, 60_000);

  it('the README\'s SRI hash matches the installed loader', async () => {
    const { stdout } = await run('node', ['scripts/sri.mjs'], { cwd: repo });
    expect(stdout).toContain(sri(await readFile(join(installed, 'dist/clinic-consent.js'))));
  }, 60_000);

  describe('in Chromium', () => {
    let browser: Browser;
    let server: ReturnType<typeof createSiteServer>;
    let origin = '';

    beforeAll(async () => {
      // The clinic copies the package's dist/ to its own site, as the README says.
      await mkdir(join(project, 'site'), { recursive: true });
      await run('cp', ['-R', join(installed, 'dist'), join(project, 'site/clinic-consent')]);
      await writeFile(
        join(project, 'site/index.html'),
        `<!doctype html><html lang="en"><head><script type="application/json" id="cc-config">${JSON.stringify(goodConfig)}</script>` +
          `<script src="/site/clinic-consent/clinic-consent.js" data-config="cc-config"></script></head><body><h1>Booking</h1></body></html>`,
      );
      server = createSiteServer({ root: project, folders: ['site'] });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { executablePath, args } = chromiumForRunners();
      browser = await chromium.launch({ executablePath, args });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((done) => server?.close(done));
    });

    it('the installed classic script starts and shows its banner, fetching its chunks beside it', async () => {
      const page = await browser.newPage();
      const chunks: string[] = [];
      page.on('request', (request) => chunks.push(new URL(request.url()).pathname));
      await page.goto(`${origin}/site/index.html`);
      expect(await page.evaluate(() => window.ClinicConsent?.version)).toBe(VERSION);
      await page.locator('clinic-consent').locator('.banner button').first().waitFor({ timeout: 20_000 });
      expect(chunks).toContain(`/site/clinic-consent/${VERSION}/ui/clinic-consent-ui.js`);
      // Every chunk is asked for under the loader's own version, so a cached loader never meets newer chunks.
      expect(chunks.filter((path) => /\/(ui|parts)\//.test(path) && !path.startsWith(`/site/clinic-consent/${VERSION}/`))).toEqual([]);
      await page.close();
    }, 60_000);

    it('the page bundled from the ES module build starts and shows its banner', async () => {
      await writeFile(join(project, 'site/bundled.html'), '<!doctype html><html lang="en"><head><script type="module" src="/site/bundle/site.js"></script></head><body></body></html>');
      const page = await browser.newPage();
      await page.goto(`${origin}/site/bundled.html`);
      await page.locator('clinic-consent').locator('.banner button').first().waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => (window as unknown as { bundled: { version: string } }).bundled.version)).toBe(VERSION);
      await page.close();
    }, 60_000);
  });
});
