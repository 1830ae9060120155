/**
 * One collector worker of the bench's multi-process ingest run (run.ts starts them with the collector's own
 * `startWorkers`, collector/src/workers.ts, as `WORKERS=2` does): the same app as the one-process run, rate limits
 * raised, no request log, no jobs, on the database in BENCH_DATABASE_URL.
 */
import { buildApp } from '../../collector/src/app.js';
import { generateSigner } from '../../collector/src/crypto/signer.js';
import { createPool } from '../../collector/src/db/pool.js';
import { BENCH_RATE_LIMITS } from './bodies.js';

const url = process.env['BENCH_DATABASE_URL'];
if (!url) throw new Error('BENCH_DATABASE_URL is not set: this file is a worker that bench/collector/run.ts starts');
const pool = createPool(url, 20);
const app = await buildApp({ pool, signer: generateSigner(), rateLimit: BENCH_RATE_LIMITS });
await app.listen({ port: 0, host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
});
