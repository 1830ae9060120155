// Entry points: configuration errors name the variable, startCollector serves over real HTTP and is idempotent
// across restarts, the CLI registers sites, and a stale postmaster.pid from a killed run is handled.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { loadConfig } from '../src/config.js';
import { clearStalePid } from '../src/db/embedded.js';
import { startCollector } from '../src/start.js';
import { createTestDb, draft, seal, takenPort } from './helpers.js';

const db = await createTestDb();
const tempDirs: string[] = [];
/** A temporary directory removed after this file's tests. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await db.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', retentionDays: 1095, trustProxy: false, databaseUrl: undefined, workers: 1 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT=eighty is invalid'],
    [{ RETENTION_DAYS: '400' }, 'RETENTION_DAYS=400 is too short'],
    [{ RETENTION_DAYS: '800', CONSENT_LIFETIME_DAYS: '730' }, 'plus one year = 1095'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL is invalid'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY=yes please is invalid'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN is too short'],
    [{ WORKERS: '0' }, 'WORKERS=0 is invalid: expected a whole number from 1 to 64'],
    [{ WORKERS: 'all' }, 'WORKERS=all is invalid'],
    // Regression (issue 14): `true` trusted the left-most X-Forwarded-For, which any client writes itself.
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY=true is not allowed'],
    [{ TRUST_PROXY: '1' }, 'TRUST_PROXY=1 is not allowed'],
  ])('rejects %o with a message naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts a proxy list for TRUST_PROXY', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
  });
});

describe('startCollector', () => {
  it('listens, accepts a receipt from the demo origin over HTTP, and keeps the admin login across restarts', async () => {
    const dataDir = tempDir('cc-start-');
    const origin = 'http://127.0.0.1:5173';
    const first = await startCollector({ port: 0, databaseUrl: db.url, dataDir, siteOrigins: [origin] });
    try {
      expect(first.dashboardUrl).toBe(`${first.url}/dashboard`);
      const keys = (await (await fetch(first.publicKeyUrl)).json()) as { keys: unknown[] };
      expect(keys.keys).toHaveLength(1);
      const res = await fetch(`${first.url}/v1/receipts`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
        body: JSON.stringify(seal(draft({ siteId: first.siteId }))),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      const sites = await fetch(`${first.url}/v1/sites`, { headers: { authorization: `Bearer ${first.adminLogin}` } });
      expect(sites.status, 'the admin login works').toBe(200);
    } finally {
      await first.close();
    }
    const second = await startCollector({ port: 0, databaseUrl: db.url, dataDir, siteOrigins: [origin, 'http://localhost:5173'] });
    try {
      expect(second.adminLogin).toBe(first.adminLogin);
      const keys = (await (await fetch(second.publicKeyUrl)).json()) as { keys: unknown[] };
      expect(keys.keys, 'the same signing key after a restart').toHaveLength(1);
      const { rows } = await db.pool.query<{ origins: string[] }>("SELECT origins FROM sites WHERE id = 'demo-clinic'");
      expect(rows).toEqual([{ origins: [origin, 'http://localhost:5173'] }]);
    } finally {
      await second.close();
    }
  });
});

describe('port in use', () => {
  it('says which port is taken instead of a bare EADDRINUSE', async () => {
    const { port, close } = await takenPort();
    try {
      await expect(startCollector({ port, databaseUrl: db.url, dataDir: tempDir('cc-start-') })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      close();
    }
  });
});

describe('durability', () => {
  it('keeps an acknowledged receipt when the server process is killed right after answering', async () => {
    const origin = 'http://127.0.0.1:5174';
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url))], {
      env: { ...process.env, DATABASE_URL: db.url, PORT: '0', DATA_DIR: tempDir('cc-kill-'), SITE_ORIGINS: origin, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolveUrl(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
      });
      const receipt = seal(draft({ consentId: 'killed_after_ack_00001' }));
      const res = await fetch(`${url}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'text/plain', origin }, body: JSON.stringify(receipt) });
      expect(res.status).toBe(201);
      const { ack } = (await res.json()) as { ack: { signature: string } };
      child.kill('SIGKILL');
      const { rows } = await db.pool.query<{ signature: string }>("SELECT ack->>'signature' AS signature FROM receipts WHERE id = $1", [receipt.id]);
      expect(rows, 'the acknowledged receipt is in the database with the same ack').toEqual([{ signature: ack.signature }]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('CLI', () => {
  it('adds a site and prints its token once', async () => {
    process.env['DATABASE_URL'] = db.url;
    const out: string[] = [];
    const code = await runCli(['site', 'add', 'cli-clinic', '--origin', 'https://cli.example', '--name', 'CLI Clinic'], (l) => out.push(l), (l) => out.push(l));
    expect(code, out.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(/API token \(shown once\): cc_site_[A-Za-z0-9_-]{32}/);
    const missing = await runCli(['site', 'add', 'x-clinic'], () => undefined, (l) => out.push(l));
    expect(missing).toBe(2);
    expect(out.at(-1)).toContain('--origin');
    delete process.env['DATABASE_URL'];
  });
});

describe('stale postmaster.pid', () => {
  it('removes the pid file of a PostgreSQL that no longer runs', async () => {
    const dir = tempDir('cc-pid-');
    writeFileSync(join(dir, 'postmaster.pid'), '999999\n/x\n');
    const log: string[] = [];
    await clearStalePid(dir, (l) => log.push(l));
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    expect(log[0]).toContain('removed stale');
  });

  it('refuses clearly while a postgres process still owns the directory', async () => {
    const dir = join(tempDir('cc-pid-'), 'pg');
    mkdirSync(dir);
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'postgres']);
    try {
      writeFileSync(join(dir, 'postmaster.pid'), `${child.pid}\n${dir}\n`);
      await expect(clearStalePid(dir, () => undefined)).rejects.toThrow(`PostgreSQL (pid ${child.pid}) is still running`);
      expect(existsSync(join(dir, 'postmaster.pid'))).toBe(true);
    } finally {
      child.kill();
    }
  });
});
