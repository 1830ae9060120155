// WORKERS=2: `clinic-consent-collector serve` as a primary that starts the embedded PostgreSQL once and two worker
// processes sharing its port (src/workers.ts). Connections are spread over both workers, every receipt is stored
// once, a worker that dies is replaced while receipts keep arriving, SIGTERM stops workers and database cleanly,
// and workers that cannot listen, or keep dying right after they start, stop the service with the reason instead
// of being restarted for ever.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../schema/types.js';
import { openDatabase, type OpenDatabase } from '../src/db/database.js';
import { commandLine, isAlive, parentOf, waitForExit } from '../src/processes.js';
import { serveProcess, stopProcess, type Served } from './serve-process.js';
import { chain, must, ORIGIN, SITE, takenPort } from './helpers.js';

const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const ADMIN_TOKEN = 'workers_admin_token_0123456789ab';

function serve(env: Record<string, string>): Promise<Served> {
  const base: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, DATABASE_READ_URL: undefined };
  return serveProcess(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...base, PORT: '0', SITE_ORIGINS: ORIGIN, ADMIN_TOKEN, RATE_LIMIT_PER_CLIENT: '1000000', RATE_LIMIT_PER_CONSENT: '1000', ...env },
  });
}

/** The workers of a primary: its live child processes that run the collector (its PostgreSQL is a child too). */
const workersOf = (pid: number): number[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((child) => parentOf(child) === pid && (commandLine(child)?.includes(SERVER) ?? false));

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Posts every receipt, `sockets` keep-alive connections at a time; resolves the statuses. */
async function postAll(url: string, receipts: readonly ConsentReceiptV1[], sockets: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const target = new URL('/v1/receipts', url);
  const one = (receipt: ConsentReceiptV1): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(target, { method: 'POST', agent, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(JSON.stringify(receipt));
    });
  try {
    return await Promise.all(receipts.map(one));
  } finally {
    agent.destroy();
  }
}

/** Links of `chains` chains of `length`, each chain's links in order (so every chain ends `ok`). */
const receiptsOf = (tag: string, chains: number, length: number): ConsentReceiptV1[] =>
  Array.from({ length: chains }, (_, c) => chain(length, { siteId: SITE, consentId: `workers_${tag}_${c}_abcdefgh` })).flat();

let dataDir: string;
let served: Served;
/** The embedded cluster the primary started, opened the way `clinic-consent-collector` commands open it. */
let db: OpenDatabase;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cc-workers-'));
  // LOG_LEVEL=info: each request's log line carries the pid of the worker that answered it.
  served = await serve({ WORKERS: '2', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  db = await openDatabase({ dataDir, shareRunning: true });
}, 120_000);

afterAll(async () => {
  await db?.close().catch(() => undefined);
  if (served && served.server.exitCode === null) await stopProcess(served.server);
});

/** Pids of the processes that logged an answer to POST /v1/receipts. */
function answeringPids(output: string): Set<number> {
  const pids = new Set<number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { pid?: number; msg?: string; req?: { route?: string } };
    if (entry.msg === 'incoming request' && entry.req?.route === '/v1/receipts' && entry.pid) pids.add(entry.pid);
  }
  return pids;
}

describe('WORKERS=2: one primary, two collector processes on one port', () => {
  it('prints one address, runs two workers, spreads connections over both, and stores each receipt once', async () => {
    expect(served.output()).toContain('(2 worker processes)');
    expect(served.output().match(/listening on/g), 'the address is printed once, by the primary').toHaveLength(1);
    const workers = workersOf(must(served.server.pid));
    expect(workers).toHaveLength(2);

    const receipts = receiptsOf('spread', 30, 4);
    const statuses = await postAll(served.url, receipts, 8);
    expect(statuses.every((status) => status === 201), `all stored: ${statuses.join(',')}`).toBe(true);
    expect([...answeringPids(served.output())].sort(), 'both workers answered receipts').toEqual([...workers].sort());

    const stored = await db.pool.query<{ n: string; ids: string; ok: string }>(
      "SELECT count(*)::text AS n, count(DISTINCT id)::text AS ids, count(*) FILTER (WHERE chain_status = 'ok')::text AS ok FROM receipts WHERE consent_id LIKE 'workers\\_spread\\_%'",
    );
    expect(stored.rows[0], 'each receipt once, every chain verified').toEqual({ n: '120', ids: '120', ok: '120' });
  }, 60_000);

  it('replaces a worker that dies, and receipts keep being stored', async () => {
    const [victim, survivor] = workersOf(must(served.server.pid));
    process.kill(must(victim), 'SIGKILL');
    await until('a replacement worker', () => {
      const now = workersOf(must(served.server.pid));
      return now.length === 2 && !now.includes(must(victim)) && now.includes(must(survivor));
    });
    expect(served.output()).toMatch(new RegExp(`collector worker ${victim} exited with signal SIGKILL; starting another`));

    const receipts = receiptsOf('after', 20, 3);
    const statuses = await postAll(served.url, receipts, 6);
    expect(statuses.every((status) => status === 201), `all stored: ${statuses.join(',')}`).toBe(true);
    const stored = await db.pool.query<{ n: string }>("SELECT count(DISTINCT id)::text AS n FROM receipts WHERE consent_id LIKE 'workers\\_after\\_%'");
    expect(stored.rows[0]?.n).toBe('60');
  }, 60_000);

  it('fails the start with the reason when the workers cannot listen, instead of restarting them', async () => {
    const { port, close } = await takenPort();
    try {
      await expect(serve({ WORKERS: '2', PORT: String(port), DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' })).rejects.toThrow(
        new RegExp(`exited with 1:[\\s\\S]*port ${port} on 127.0.0.1 is already in use[\\s\\S]*exited with code 1 before it listened`),
      );
    } finally {
      close();
    }
  }, 60_000);

  it('stops with the reason when workers keep dying right after they start, instead of a restart loop', async () => {
    const looping = await serve({ WORKERS: '2', DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const primary = must(looping.server.pid);
    const exited = new Promise<number | null>((resolve) => looping.server.once('exit', (code) => resolve(code)));
    // Every worker is killed as soon as it is seen: each death comes within 10 s of that worker's start, and the
    // fourth in a row is one too many.
    const killed = new Set<number>();
    while (looping.server.exitCode === null && killed.size < 10) {
      const next = workersOf(primary).find((pid) => !killed.has(pid));
      if (next === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      killed.add(next);
      process.kill(next, 'SIGKILL');
    }
    expect(await exited, 'the service stops with exit code 1').toBe(1);
    expect(looping.output().match(/; starting another/g), 'three replaced, the fourth early death stops the service').toHaveLength(3);
    expect(looping.output()).toMatch(/collector workers keep exiting within 10 s of their start \(the last with signal SIGKILL\); stopped them all/);
    expect(workersOf(primary), 'no worker left behind').toEqual([]);
  }, 60_000);

  it('stops on SIGTERM: workers first, then the embedded PostgreSQL, exit code 0', async () => {
    const primary = must(served.server.pid);
    const workers = workersOf(primary);
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    await db.close();
    expect(await stopProcess(served.server)).toBe(0);
    expect(workers.filter(isAlive), 'no worker left behind').toEqual([]);
    expect(await waitForExit(postmaster, 20_000), 'PostgreSQL stopped').toBe(true);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid')), 'the cluster was shut down, not killed').toBe(false);
  }, 60_000);
});
