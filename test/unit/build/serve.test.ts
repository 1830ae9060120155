// The demo server answers only what the demo needs: the collector's secrets under data/ (admin token,
// signing key, database password), the sources and git metadata all live in the same repository.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiteServer, E2E_FOLDERS } from '../../../scripts/serve.mjs';

async function listen(server: ReturnType<typeof createSiteServer>): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const status = async (origin: string, path: string) => (await fetch(origin + path, { redirect: 'manual' })).status;

describe('the demo server', () => {
  let root = '';
  let origin = '';
  const server = createSiteServer();
  let sandboxServer: ReturnType<typeof createSiteServer>;
  let sandbox = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cc-serve-'));
    for (const [path, body] of Object.entries({
      'data/collector/admin-token': 'secret-token',
      'data/collector/signing-key.pem': 'secret-key',
      'data/collector/pg-password': 'secret-password',
      'demo/index.html': '<!doctype html><title>demo</title>',
      'dist/clinic-consent.js': '/* loader */',
      'node_modules/@fontsource/noto-sans-kr/400.css': '/* font */',
      'node_modules/lit/index.js': '/* not for the demo */',
      '.git/config': '[core]',
      'package.json': '{}',
      'test/e2e/pages/page.html': '<!doctype html>',
      'demo-secrets/x': 'not the demo folder',
    })) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), body);
    }
    sandboxServer = createSiteServer({ root });
    sandbox = await listen(sandboxServer);
    origin = await listen(server);
  });
  afterAll(async () => {
    server.close();
    sandboxServer.close();
    await rm(root, { recursive: true, force: true });
  });

  it('never answers the collector secrets under data/, sources, package files or git metadata', async () => {
    for (const path of [
      '/data/collector/admin-token',
      '/data/collector/signing-key.pem',
      '/data/collector/pg-password',
      '/demo/../data/collector/admin-token',
      '/demo/%2e%2e/data/collector/admin-token',
      '/dist/..%2fdata/collector/pg-password',
      '/.git/config',
      '/package.json',
      '/node_modules/lit/index.js',
      '/demo-secrets/x',
    ]) {
      expect(await status(sandbox, path), path).toBe(404);
    }
  });

  it('answers the demo, the built SDK and the web fonts', async () => {
    expect(await status(sandbox, '/demo/')).toBe(200);
    expect(await status(sandbox, '/dist/clinic-consent.js')).toBe(200);
    expect(await status(sandbox, '/node_modules/@fontsource/noto-sans-kr/400.css')).toBe(200);
    expect(await status(sandbox, '/test/e2e/pages/page.html')).toBe(404);
  });

  it('in this repository too: the demo page and its fonts, but not the collector sources or the scripts', async () => {
    expect(await status(origin, '/demo/')).toBe(200);
    expect(await status(origin, '/node_modules/@fontsource/noto-sans-kr/400.css')).toBe(200);
    for (const path of ['/collector/src/config.ts', '/scripts/serve.mjs', '/package-lock.json', '/README.md']) {
      expect(await status(origin, path), path).toBe(404);
    }
  });

  it('the end-to-end server adds only the test pages', async () => {
    const e2e = createSiteServer({ root, folders: E2E_FOLDERS });
    const e2eOrigin = await listen(e2e);
    try {
      expect(await status(e2eOrigin, '/test/e2e/pages/page.html')).toBe(200);
      expect(await status(e2eOrigin, '/data/collector/admin-token')).toBe(404);
    } finally {
      e2e.close();
    }
  });
});
