/**
 * Load generator for the collector benchmark, run as a separate process (forked by run.ts) so its CPU time is not
 * counted as the server's. Open loop at a fixed rate (latency from the scheduled send time, so a stall is not
 * hidden) or closed loop at a fixed concurrency (maximum throughput). Answers with latencies, status counts and its
 * own CPU time.
 *
 * It shares the cores with the system under test, so it is built to cost little (issue 17: node:http with an Agent
 * took ~0.48 ms of CPU per request, ~40 % of two cores at the collector's rate): plain TCP sockets speaking
 * keep-alive HTTP/1.1 with one request in flight per connection, every request's bytes built before the clock
 * starts, and of each answer only the status code and Content-Length read (the body is counted, not parsed).
 */
import { connect, type Socket } from 'node:net';
import { BENCH_ORIGIN, makeBodies, makeSignedBodies } from './bodies.js';

interface Job {
  readonly url: string;
  readonly mode: 'rate' | 'max';
  readonly rate: number;
  readonly seconds: number;
  readonly concurrency: number;
  readonly count: number;
  readonly tag: string;
  /** Version-2 receipts, each signed by a browser key of its own (what the SDK sends), instead of version 1. */
  readonly signed?: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Complete HTTP/1.1 requests, head and body in one buffer, one per receipt. */
export function requestBytes(target: URL, bodies: readonly string[]): Buffer[] {
  return bodies.map((body) => {
    const payload = Buffer.from(body, 'utf8');
    const head =
      `POST /v1/receipts HTTP/1.1\r\nhost: ${target.host}\r\ncontent-type: text/plain;charset=UTF-8\r\n` +
      `origin: ${BENCH_ORIGIN}\r\ncontent-length: ${payload.length}\r\n\r\n`;
    return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
  });
}

/**
 * The end of the first complete response in `data` and its status, or undefined while it is incomplete. The
 * collector always answers with a Content-Length (never chunked); an answer without one is a protocol error.
 */
export function parseResponse(data: Buffer): { status: number; end: number; close: boolean } | undefined {
  const headEnd = data.indexOf(HEADER_END);
  if (headEnd < 0) return undefined;
  const head = data.toString('latin1', 0, headEnd);
  const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  if (!length) throw new Error(`an answer without Content-Length: ${head.split('\r\n')[0] ?? ''}`);
  const end = headEnd + HEADER_END.length + Number(length[1]);
  if (data.length < end) return undefined;
  // "HTTP/1.1 201 Created": the status is bytes 9-11.
  return { status: Number(head.slice(9, 12)), end, close: /\r\nconnection:[ \t]*close/i.test(head) };
}

/** One keep-alive connection with at most one request in flight; reconnects after a close or an error. */
class Connection {
  private socket: Socket | undefined;
  private pending: Buffer | undefined;
  private done: ((status: number) => void) | undefined;

  constructor(private readonly target: URL) {}

  private open(): Socket {
    const socket = connect({ host: this.target.hostname, port: Number(this.target.port), noDelay: true });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A refused or reset connection answers the request in flight with status 0 (counted, never hidden).
    socket.on('error', () => this.finish(0, true));
    socket.on('close', () => this.finish(0, true));
    return socket;
  }

  send(bytes: Buffer, done: (status: number) => void): void {
    this.done = done;
    this.pending = undefined;
    this.socket ??= this.open();
    this.socket.write(bytes);
  }

  private receive(chunk: Buffer): void {
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let answer;
    try {
      answer = parseResponse(data);
    } catch {
      this.finish(0, true);
      return;
    }
    if (!answer) {
      this.pending = data;
      return;
    }
    this.finish(answer.status, answer.close || data.length !== answer.end);
  }

  private finish(status: number, drop: boolean): void {
    if (drop && this.socket) {
      const socket = this.socket;
      this.socket = undefined;
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
    }
    this.pending = undefined;
    const done = this.done;
    this.done = undefined;
    done?.(status);
  }

  close(): void {
    this.socket?.destroy();
  }
}

async function run(job: Job): Promise<void> {
  const target = new URL(job.url);
  const requests = requestBytes(target, (job.signed ? makeSignedBodies : makeBodies)(job.count, job.tag));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const take = (): Buffer => requests[next++ % requests.length] as Buffer;
  const record = (status: number, ms: number): void => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const connections: Connection[] = [];
  process.send?.({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  if (job.mode === 'rate') {
    // Sends on schedule over idle connections, opening one more when none is idle (as a browser population would).
    const total = job.rate * job.seconds;
    const interval = 1000 / job.rate;
    const idle: Connection[] = [];
    let sent = 0;
    let answered = 0;
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        const now = performance.now();
        for (; sent < total && start + sent * interval <= now; sent++) {
          const due = start + sent * interval;
          let connection = idle.pop();
          if (!connection) {
            connection = new Connection(target);
            connections.push(connection);
          }
          const used = connection;
          used.send(take(), (status) => {
            record(status, performance.now() - due);
            idle.push(used);
            if (++answered === total) resolve();
          });
        }
        // Pacing the open loop to its schedule; this is the load shape, not a wait for a result.
        if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      };
      tick();
    });
  } else {
    const end = start + job.seconds * 1000;
    await Promise.all(
      Array.from({ length: job.concurrency }, () => {
        const connection = new Connection(target);
        connections.push(connection);
        return new Promise<void>((resolve) => {
          const loop = (): void => {
            const sentAt = performance.now();
            connection.send(take(), (status) => {
              const now = performance.now();
              record(status, now - sentAt);
              if (now < end) loop();
              else resolve();
            });
          };
          loop();
        });
      }),
    );
  }
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  for (const connection of connections) connection.close();
  // The generator shares the cores with the server and PostgreSQL: its own CPU seconds are reported beside theirs.
  process.send?.({ latencies, statuses, elapsedMs, loadCpu: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0));
}

// run.ts passes the job as the one argument.
void run(JSON.parse(process.argv[2] ?? '{}') as Job);
