// `npm run bench:check`: our budgets against the last `npm run bench` (bench/results.json); exits 1
// when one fails. It does not re-run the browsers (that takes minutes); it says when dist/ has
// changed since those results, so a stale pass is not mistaken for a current one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBudgets, formatVerdicts } from './budgets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const file = resolve(here, 'results.json');
if (!existsSync(file)) {
  console.error('bench:check: bench/results.json is missing; run `npm run bench` first.');
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const loader = resolve(here, '../dist/clinic-consent.js');
if (existsSync(loader)) {
  const hash = createHash('sha256').update(readFileSync(loader)).digest('hex').slice(0, 16);
  if (hash !== results.distHash) console.warn(`bench:check: dist/clinic-consent.js changed since ${results.date}; re-run \`npm run bench\` for current numbers.`);
}
const verdicts = checkBudgets(results);
console.log(formatVerdicts(verdicts));
const failed = verdicts.filter((verdict) => !verdict.pass);
if (failed.length) {
  console.error(`\nbench:check: ${failed.length} budget(s) failed (results from ${results.date}).`);
  process.exit(1);
}
console.log(`\nbench:check: all budgets met (results from ${results.date}).`);
