// The deployment files of collector/deploy/ checked against the collector itself: the example settings are a valid
// configuration, the documented TRUST_PROXY makes the collector see the patient's address through one proxy hop
// (and nobody else's word for it), and the proxies, the systemd unit, the Dockerfile and the compose file start the
// command and pass the settings that package.test.ts runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createTestDb, setup, type TestDb } from './helpers.js';
import { INSTALLED_BIN, deployFile, parseEnvFile } from './recipe.js';
import { run } from '../../test/support/pack.js';

const systemdAnalyze = (() => {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const settings = parseEnvFile(deployFile('collector.env'));

/** `Key=value` lines of a systemd unit (each key once in ours). */
const unit = Object.fromEntries(
  deployFile('clinic-consent-collector.service')
    .split('\n')
    .filter((line) => /^[A-Za-z]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

const dockerfile = deployFile('Dockerfile');
const compose = deployFile('compose.yaml');

/** The `environment:` map of one service of compose.yaml (`NAME: value` lines), `${VAR:?…}` replaced by `values[VAR]`. */
function composeEnvironment(service: string, values: Record<string, string>): Record<string, string> {
  const block = compose.split(/\n {2}(?=[a-z-]+:\n)/).find((part) => part.startsWith(`${service}:\n`)) ?? '';
  const environment = block.split('\n    environment:\n')[1]?.split(/\n {4}[a-z_]+:/)[0] ?? '';
  const lines = environment.split('\n').filter((line) => /^ {6}[A-Z_]+: /.test(line));
  return Object.fromEntries(
    lines.map((line) => {
      const [name = '', value = ''] = line.trim().split(/: (.*)/);
      return [name, value.replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_, variable: string) => values[variable] ?? '')];
    }),
  );
}

describe('the example settings (deploy/collector.env)', () => {
  it('are a valid configuration: a TLS-verified database, the state directory, loopback only', () => {
    const config = loadConfig(settings);
    expect(new URL(config.databaseUrl ?? '').searchParams.get('sslmode')).toBe('verify-full');
    expect(new URL(config.databaseUrl ?? '').searchParams.get('sslrootcert')).toMatch(/^\/etc\/clinic-consent\//);
    expect(config.host).toBe('127.0.0.1');
    expect(config.trustProxy).toEqual(['loopback']);
    expect(config.signingKeyFile).toBe('/var/lib/clinic-consent/signing-key.pem');
  });
});

describe('behind one TLS proxy hop, with the documented TRUST_PROXY', () => {
  let db: TestDb;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    db = await createTestDb();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db.close();
  });

  /** The collector with the settings' TRUST_PROXY, and a route that answers the client address it sees. */
  async function collectorSeeing(env: Record<string, string>): Promise<(from: string, forwardedFor?: string) => Promise<string>> {
    const { app } = await setup({ trustProxy: loadConfig(env).trustProxy }, db);
    apps.push(app);
    app.get('/test/address', async (request) => request.ip);
    return async (from, forwardedFor) =>
      (await app.inject({ url: '/test/address', remoteAddress: from, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} })).body;
  }

  it("sees the patient's address that the proxy on the same machine forwards", async () => {
    const address = await collectorSeeing(settings);
    expect(await address('127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(await address('::1', '2001:db8::7')).toBe('2001:db8::7');
  });

  it('ignores what the client wrote into X-Forwarded-For before the proxy added its address', async () => {
    const address = await collectorSeeing(settings);
    expect(await address('127.0.0.1', '203.0.113.66, 198.51.100.7')).toBe('198.51.100.7');
  });

  it('believes the header from nobody but the proxy', async () => {
    const address = await collectorSeeing(settings);
    expect(await address('203.0.113.9', '198.51.100.7')).toBe('203.0.113.9');
  });

  it("in containers, believes the compose network's gateway (the host's proxy) and nobody else", async () => {
    const environment = composeEnvironment('collector', { DB_PASSWORD: 'x' });
    const gateway = /gateway: (\S+)/.exec(compose)?.[1];
    expect(environment['TRUST_PROXY']).toBe(gateway);
    const address = await collectorSeeing(environment);
    expect(await address(gateway ?? '', '198.51.100.7')).toBe('198.51.100.7');
    expect(await address('172.30.87.5', '198.51.100.7'), 'another container').toBe('172.30.87.5');
  });
});

describe('the reverse proxies', () => {
  const target = `${settings['HOST']}:${settings['PORT']}`;

  it("Caddy forwards to the collector's address", () => {
    expect(deployFile('Caddyfile')).toMatch(new RegExp(`^\\s*reverse_proxy ${target.replaceAll('.', '\\.')}$`, 'm'));
  });

  it("nginx forwards to the collector's address and writes X-Forwarded-For itself, never passing on the client's", () => {
    const nginx = deployFile('nginx.conf');
    expect(nginx).toContain(`proxy_pass http://${target};`);
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(nginx).not.toContain('$proxy_add_x_forwarded_for');
  });
});

describe('the systemd unit', () => {
  it('starts the installed command with the example settings and keeps DATA_DIR as its state directory', () => {
    expect(unit['ExecStart']).toBe(`${unit['WorkingDirectory']}/${INSTALLED_BIN} serve`);
    expect(deployFile('collector.env').split('\n')[0]).toContain(unit['EnvironmentFile']);
    expect(settings['DATA_DIR']).toBe(`/var/lib/${unit['StateDirectory']}`);
    expect(unit['StateDirectoryMode']).toBe('0700');
  });

  it.runIf(systemdAnalyze)('is a unit systemd itself accepts (systemd-analyze verify)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cc-unit-'));
    try {
      // The installed command does not exist on this machine; Node stands in for it, every other line as shipped.
      const text = deployFile('clinic-consent-collector.service').replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`);
      writeFileSync(join(folder, 'clinic-consent-collector.service'), text);
      const { stderr } = await run('systemd-analyze', ['verify', join(folder, 'clinic-consent-collector.service')]);
      expect(stderr).toBe('');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs unprivileged and hardened', () => {
    expect(unit['User']).toMatch(/^[a-z][a-z-]+$/);
    expect(unit['User']).not.toBe('root');
    expect(unit).toMatchObject({ NoNewPrivileges: 'yes', ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', CapabilityBoundingSet: '' });
  });
});

describe('the Dockerfile and the compose file', () => {
  it('install the packed tarball with npm and start the same command as the tested recipe', () => {
    expect(dockerfile).toMatch(/^RUN npm install --omit=dev [^\n]*\/tmp\/clinic-consent-collector-\*\.tgz/m);
    expect(JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]')).toEqual([INSTALLED_BIN, 'serve']);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('pass settings the collector takes, and keep DATA_DIR on a volume', () => {
    const env = Object.fromEntries((/^ENV (.*)$/m.exec(dockerfile)?.[1] ?? '').split(' ').map((pair) => pair.split('=')));
    const environment = composeEnvironment('collector', { DB_PASSWORD: 'a-long-random-password' });
    const config = loadConfig({ ...env, ...environment });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8787, dataDir: '/var/lib/clinic-consent' });
    expect(config.databaseUrl).toBe('postgres://clinic_consent:a-long-random-password@db:5432/clinic_consent');
    expect(dockerfile).toContain(`VOLUME ${config.dataDir}`);
    expect(compose).toContain(`- collector-data:${config.dataDir}`);
    expect(compose, 'only the proxy on the host reaches the collector').toContain(`- "127.0.0.1:${config.port}:${config.port}"`);
  });
});
