/**
 * Load generator for the collector benchmark, run as a separate process (forked by run.ts) so its CPU time is not
 * counted as the server's. Open loop at a fixed rate (latency from the scheduled send time, so a stall is not
 * hidden) or closed loop at a fixed concurrency (maximum throughput). Answers with latencies and status counts.
 */
import { Agent, request } from 'node:http';
import { BENCH_ORIGIN, makeBodies } from './bodies.js';

interface Job {
  readonly url: string;
  readonly mode: 'rate' | 'max';
  readonly rate: number;
  readonly seconds: number;
  readonly concurrency: number;
  readonly count: number;
  readonly tag: string;
}

function send(agent: Agent, target: URL, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: '/v1/receipts',
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: BENCH_ORIGIN, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function run(job: Job): Promise<void> {
  const bodies = makeBodies(job.count, job.tag);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(job.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const take = (): string => bodies[next++ % bodies.length] ?? '';
  const record = (status: number, ms: number): void => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  process.send?.({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  if (job.mode === 'rate') {
    const total = job.rate * job.seconds;
    const interval = 1000 / job.rate;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      // Pacing the open loop to its schedule; this is the load shape, not a wait for a result.
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(send(agent, target, take()).then((status) => record(status, performance.now() - due)));
    }
    await Promise.all(pending);
  } else {
    const end = start + job.seconds * 1000;
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          record(await send(agent, target, take()), performance.now() - t);
        }
      }),
    );
  }
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  // The generator shares the cores with the server and PostgreSQL: its own CPU seconds are reported beside theirs.
  process.send?.({ latencies, statuses, elapsedMs, loadCpu: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0));
}

process.once('message', (job) => void run(job as Job));
