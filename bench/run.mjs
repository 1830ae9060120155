// `npm run bench`: every adapter's page, same browser, same run, at CPU 1x and 4x on loopback and at
// 1x with a 100 ms round trip emulated; prints the table and writes bench/RESULTS.md and
// bench/results.json. Measures whatever dist/ holds: it never builds.
// Env: BENCH_RUNS (default 7), BENCH_RATES (default "1,4"), BENCH_RTT (ms, default 100; 0 skips the
// latency run), BENCH_RTT_RATES (CPU rates of the latency run, default "1"), BENCH_ONLY (adapter ids).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { resolveChromium } from '../test/support/chromium.mjs';
import { adapters as allAdapters } from './adapters/index.mjs';
import { checkBudgets, conditionLabel, formatVerdicts } from './budgets.mjs';
import { acceptFlow, rejectFlow, warmUp } from './flows.mjs';
import { formatResultsFile, formatTables } from './report.mjs';
import { startBenchServer } from './server.mjs';
import { summarize } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RATES = (process.env.BENCH_RATES ?? '1,4').split(',').map(Number);
const RTT_MS = Number(process.env.BENCH_RTT ?? 100);
const RTT_RATES = (process.env.BENCH_RTT_RATES ?? '1').split(',').map(Number);
/** @type {import('./flows.mjs').Condition[]} */
const conditions = [
  ...RATES.map((cpu) => ({ id: String(cpu), cpu, rttMs: 0 })),
  ...(RTT_MS > 0 ? RTT_RATES.map((cpu) => ({ id: `${cpu}x-rtt${RTT_MS}`, cpu, rttMs: RTT_MS })) : []),
];
const only = process.env.BENCH_ONLY?.split(',');
const adapters = only ? allAdapters.filter((adapter) => only.includes(adapter.id)) : allAdapters;

const loader = resolve(root, 'dist/clinic-consent.js');
const distHash = () => createHash('sha256').update(readFileSync(loader)).digest('hex').slice(0, 16);
if (!existsSync(loader)) {
  console.error('bench: dist/clinic-consent.js is missing; run `npm run build` first.');
  process.exit(1);
}

for (const adapter of adapters) await adapter.prepare?.(root);
const server = await startBenchServer(adapters);
const { executablePath, args } = await resolveChromium();
const browser = await chromium.launch({ executablePath, args });
const started = Date.now();
const hashBefore = distHash();
const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');
const loadBefore = load();

try {
  // One unrecorded page load per SDK warms the server, the disk cache and the browser itself.
  for (const adapter of adapters) await warmUp(browser, `${server.origin}/bench/page/${adapter.id}`);

  const samples = {};
  for (const condition of conditions) {
    samples[condition.id] = Object.fromEntries(adapters.map((adapter) => [adapter.id, { rejects: [], accepts: [] }]));
    for (let run = 0; run < RUNS; run += 1) {
      // Rotate who goes first so no SDK always runs right after the same neighbour.
      const order = adapters.map((_, i) => adapters[(i + run) % adapters.length]);
      for (const adapter of order) {
        const url = `${server.origin}/bench/page/${adapter.id}`;
        samples[condition.id][adapter.id].rejects.push(await rejectFlow(browser, adapter, url, condition));
        samples[condition.id][adapter.id].accepts.push(await acceptFlow(browser, adapter, url, condition));
      }
      console.log(`bench: ${conditionLabel(condition)}, run ${run + 1}/${RUNS} done (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  }

  const results = {
    date: new Date().toISOString(),
    runs: RUNS,
    durationS: Math.round((Date.now() - started) / 1000),
    distHash: distHash(),
    // Other work may rebuild dist/ while the bench runs; then the runs measured two builds.
    distChangedDuringRun: distHash() !== hashBefore,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      os: `${type()} ${release()}`,
      node: process.versions.node,
      browser: browser.version(),
      loadBefore,
      loadAfter: load(),
    },
    adapters: adapters.map(({ id, label, ours, variantOf, setup }) => ({ id, label, ours: Boolean(ours), ...(variantOf ? { variantOf } : {}), setup })),
    conditions,
    // Rows per condition id (the name predates the latency run, when a CPU rate was the only condition).
    rates: Object.fromEntries(
      conditions.map((condition) => [condition.id, Object.fromEntries(adapters.map((adapter) => {
        const { rejects, accepts } = samples[condition.id][adapter.id];
        return [adapter.id, summarize(rejects, accepts)];
      }))]),
    ),
  };
  const verdicts = checkBudgets(results);
  writeFileSync(resolve(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(resolve(here, 'RESULTS.md'), formatResultsFile(results, verdicts));
  console.log(`\n${formatTables(results)}\n\n${formatVerdicts(verdicts)}\n`);
  console.log(`bench: wrote bench/RESULTS.md and bench/results.json in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  await browser.close();
  await server.close();
}
