// `npm run bench:guards`: the guards' cost per call they let through (the page's own and unknown
// requests), measured in real Chromium against the same calls before the guards were installed.
// The budget is a median of at most 5 µs per call. Not part of `npm test`.
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { createSiteServer } from '../../scripts/serve.mjs';
import { resolveChromium } from '../../test/support/chromium.mjs';

const BUDGET_NS = 5000;

const bundle = await build({
  entryPoints: [new URL('./entry.ts', import.meta.url).pathname],
  bundle: true,
  format: 'iife',
  globalName: 'guardBench',
  target: 'es2021',
  minify: true,
  write: false,
});
const server = createSiteServer({ folders: ['bench/guards'] });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const { executablePath, args } = await resolveChromium();
const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench/guards/page.html`);
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const rows = await page.evaluate(() => window.guardBench.measure());
  const us = (ns) => (ns / 1000).toFixed(3).padStart(7);
  console.log(`${'let-through call'.padEnd(48)} ${'before'.padStart(9)} ${'guarded'.padStart(9)} ${'overhead'.padStart(9)}  (median µs per call)`);
  for (const row of rows) console.log(`${row.name.padEnd(48)} ${us(row.baselineNs)}   ${us(row.guardedNs)}   ${us(row.overheadNs)}`);
  const worst = Math.max(...rows.map((row) => row.overheadNs));
  console.log(`worst median overhead ${us(worst).trim()} µs per call (budget ${BUDGET_NS / 1000} µs): ${worst <= BUDGET_NS ? 'ok' : 'OVER'}`);
  process.exitCode = worst <= BUDGET_NS ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
