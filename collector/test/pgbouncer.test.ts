// The collector behind PgBouncer in transaction mode, where consecutive transactions of one client connection may
// run on different server connections: migrations, ingest, the jobs of two instances at once and the stats all go
// through a real pgbouncer in front of the test cluster. Skipped, with the reason in its name, where no pgbouncer
// binary is installed (Debian: `apt-get install pgbouncer`, which puts it in /usr/sbin).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadKeys } from '../src/crypto/keys.js';
import { freePort } from '../src/db/embedded.js';
import { createPool, type Pool } from '../src/db/pool.js';
import { verifyLedger } from '../src/jobs/checkpoint.js';
import { runJobsOnce } from '../src/jobs/scheduler.js';
import { startCollector } from '../src/start.js';
import { chain, ORIGIN } from './helpers.js';

/** pgbouncer on PATH, or in /usr/sbin where Debian installs it (not on an ordinary user's PATH). */
function findPgbouncer(): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin'];
  return dirs.map((dir) => join(dir, 'pgbouncer')).find((path) => existsSync(path));
}
const binary = findPgbouncer();

interface Bouncer {
  /** postgres:// URL of a database through the bouncer. */
  url(database: string): string;
  stop(): Promise<void>;
}

/** Starts pgbouncer in transaction mode in front of the cluster at `pgUrl`; resolves once it listens. */
async function startBouncer(path: string, pgUrl: string): Promise<Bouncer> {
  const server = new URL(pgUrl);
  const password = decodeURIComponent(server.password);
  const dir = mkdtempSync(join(tmpdir(), 'cc-pgbouncer-'));
  // pgbouncer refuses to run as root; it then runs as `nobody`, which must read its files.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const users = join(dir, 'users.txt');
  writeFileSync(users, `"${server.username}" "${password}"\n`, { mode: 0o644 });
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(
    ini,
    `[databases]\n* = host=${server.hostname} port=${server.port}\n` +
      `[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = ${port}\nunix_socket_dir =\nauth_type = trust\nauth_file = ${users}\n` +
      // Few server connections for many clients: transactions of one client land on different server connections.
      'pool_mode = transaction\ndefault_pool_size = 4\nmax_client_conn = 200\n',
    { mode: 0o644 },
  );
  const child: ChildProcess = spawn(path, [...(process.getuid?.() === 0 ? ['-u', 'nobody'] : []), ini], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('process up')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`pgbouncer exited with ${String(code)} before listening:\n${output}`)));
  });
  return {
    url: (database) => `postgres://${server.username}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe.skipIf(binary !== undefined)('PgBouncer in transaction mode', () => {
  it('is skipped: no pgbouncer binary on PATH or in /usr/sbin (Debian: apt-get install pgbouncer)', () => undefined);
});

describe.runIf(binary !== undefined)('PgBouncer in transaction mode', () => {
  let bouncer: Bouncer;
  let database: string;
  let direct: Pool;

  beforeAll(async () => {
    bouncer = await startBouncer(binary ?? '', inject('pgUrl'));
    database = `t_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    direct = createPool(inject('pgUrl').replace(/\/postgres$/, `/${database}`), 2);
  });
  afterAll(async () => {
    await direct.end();
    await bouncer.stop();
  });

  it('breaks named prepared statements, which the transaction pool mode therefore never sends', async () => {
    const statement = { name: 'cc_bouncer_probe', text: 'SELECT $1::int AS n', values: [1] };
    const run = async (pool: Pool): Promise<void> => {
      const [a, b] = [await pool.connect(), await pool.connect()];
      try {
        // Both clients' statements run on the bouncer's one idle server connection, one after the other.
        await a.query(statement);
        await b.query(statement);
      } finally {
        a.release();
        b.release();
      }
    };
    const named = createPool(bouncer.url(database), 2);
    const unnamed = createPool(bouncer.url(database), 2, 'transaction');
    try {
      await expect(run(named), 'the control: a named statement meets another client’s on the same server connection').rejects.toThrow(/prepared statement "cc_bouncer_probe"/);
      await expect(run(unnamed)).resolves.toBeUndefined();
    } finally {
      await Promise.all([named.end(), unnamed.end()]);
    }
  });

  it('migrates, ingests concurrently, runs two instances’ jobs at once and answers stats, all through the bouncer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-pgbouncer-collector-'));
    const running = await startCollector({ port: 0, databaseUrl: bouncer.url(database), databasePoolMode: 'transaction', dataDir, siteOrigins: [ORIGIN] });
    const other = createPool(bouncer.url(database), 5, 'transaction');
    try {
      const chains = Array.from({ length: 12 }, (_, c) => chain(4, { siteId: running.siteId, consentId: `bouncer_chain_${c}_abcdefgh` }));
      await Promise.all(
        chains.map(async (links, c) => {
          // Every other chain children first: pending links must resolve whichever server connection stores them.
          for (const receipt of c % 2 === 0 ? links : [...links].reverse()) {
            const res = await fetch(`${running.url}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN }, body: JSON.stringify(receipt) });
            expect(res.status, await res.text()).toBe(201);
          }
        }),
      );
      const total = chains.length * 4;
      const { rows } = await direct.query<{ status: string; n: string }>('SELECT chain_status AS status, count(*)::text AS n FROM receipts GROUP BY 1');
      expect(rows).toEqual([{ status: 'ok', n: String(total) }]);

      const later = new Date(Date.now() + 2 * 86_400_000);
      const { signer } = loadKeys({ signingKeyFile: join(dataDir, 'signing-key.pem'), publicKeysFile: join(dataDir, 'public-keys.json') });
      const second = createPool(bouncer.url(database), 5, 'transaction');
      try {
        for (let run = 0; run < 3; run++) {
          const results = await Promise.allSettled([runJobsOnce(other, signer, 3 * 365, later), runJobsOnce(second, signer, 3 * 365, later)]);
          expect(results.filter((r) => r.status === 'rejected'), `run ${run}: no failed job`).toEqual([]);
        }
      } finally {
        await second.end();
      }
      const days = await direct.query<{ day: string }>('SELECT day::text FROM checkpoints');
      expect(days.rows.map((row) => row.day)).toContain(new Date().toISOString().slice(0, 10));
      expect(days.rows.length, 'one checkpoint per day').toBe(new Set(days.rows.map((row) => row.day)).size);
      const rolled = await direct.query<{ n: string }>('SELECT coalesce(sum(n), 0)::text AS n FROM rollup_receipts');
      expect(rolled.rows[0]?.n, 'each receipt rolled up once').toBe(String(total));
      expect((await verifyLedger(other, [signer.jwk])).ok).toBe(true);

      const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const stats = await fetch(`${running.url}/v1/sites/${running.siteId}/stats?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${running.adminLogin}` } });
      expect(stats.status).toBe(200);
      expect(((await stats.json()) as { totals: { decisions: number } }).totals.decisions, 'each consent id once').toBe(chains.length);
    } finally {
      await other.end();
      await running.close();
    }
  });
});
