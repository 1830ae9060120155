// Load generator for the collector benchmark, in its own thread so it does not share the server's event loop.
// Open loop at a fixed rate (latency measured from the scheduled send time, so a stall is not hidden) or closed
// loop at a fixed concurrency (maximum throughput).
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'node:http';

const { url, origin, bodies, mode, rate, seconds, concurrency } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL(url);

function send(body) {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: target.hostname, port: target.port, path: '/v1/receipts', method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const latencies = [];
const statuses = {};
let next = 0;
const take = () => bodies[next++ % bodies.length];
const record = (status, ms) => {
  latencies.push(ms);
  statuses[status] = (statuses[status] ?? 0) + 1;
};

const start = performance.now();
if (mode === 'rate') {
  const total = rate * seconds;
  const interval = 1000 / rate;
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(take()).then((status) => record(status, performance.now() - due)));
  }
  await Promise.all(pending);
} else {
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        record(await send(take()), performance.now() - t);
      }
    }),
  );
}
parentPort.postMessage({ latencies, statuses, elapsedMs: performance.now() - start });
agent.destroy();
