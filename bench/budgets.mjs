// Our budgets from issue 8, checked against a results object (bench/results.json). Pure: no I/O,
// so run.mjs can print the verdicts under the table and check.mjs can exit non-zero on them.

const KB = 1024;

/**
 * @param {{ adapters: { id: string, ours?: boolean }[], rates: Record<string, Record<string, ReturnType<typeof import('./stats.mjs').summarize>>> }} results
 * @returns {{ name: string, pass: boolean, detail: string }[]}
 */
export function checkBudgets(results) {
  const ours = results.adapters.find((adapter) => adapter.ours);
  if (!ours) return [{ name: 'our SDK measured', pass: false, detail: 'no adapter is marked ours' }];
  const verdicts = [];
  const add = (name, pass, detail) => verdicts.push({ name, pass: Boolean(pass), detail });
  const rateIds = Object.keys(results.rates);
  const us = (rate) => results.rates[rate]?.[ours.id];

  const first = us(rateIds[0] ?? '1');
  add('first visit (to the banner) ≤ 15 KB brotli', first?.firstBytes != null && first.firstBytes <= 15 * KB, `${kb(first?.firstBytes)} KB`);
  add('returning visit ≤ 5 KB brotli', first?.returnBytes != null && first.returnBytes <= 5 * KB, `${kb(first?.returnBytes)} KB`);

  for (const rate of rateIds) {
    const row = us(rate);
    const peers = results.adapters.filter((adapter) => !adapter.ours).map((adapter) => ({ id: adapter.id, ...results.rates[rate]?.[adapter.id] }));
    const fastest = peers.filter((peer) => peer.bannerMs != null).sort((a, b) => a.bannerMs - b.bannerMs)[0];
    add(
      `${rate}x CPU: banner visible ≤ 0.5× fastest peer`,
      row?.bannerMs != null && fastest && row.bannerMs <= 0.5 * fastest.bannerMs,
      `${ms(row?.bannerMs)} vs ${fastest ? `${fastest.id} ${ms(fastest.bannerMs)} (limit ${ms(0.5 * fastest.bannerMs)})` : 'no peer showed a banner'}`,
    );
    const vanilla = results.rates[rate]?.['vanilla-cookieconsent'];
    add(
      `${rate}x CPU: own script time ≤ vanilla-cookieconsent's`,
      row?.scriptMs != null && vanilla?.scriptMs != null && row.scriptMs <= vanilla.scriptMs,
      `${ms(row?.scriptMs)} vs ${ms(vanilla?.scriptMs)}`,
    );
    add(`${rate}x CPU: CLS 0 (every run)`, row?.clsMax === 0, `max ${row?.clsMax ?? 'n/a'}`);
    add(`${rate}x CPU: 0 tracker requests before consent (every run)`, row?.trackersBefore === 0, `max ${row?.trackersBefore ?? 'n/a'}`);
    add(`${rate}x CPU: no banner flash for a returning visitor`, row?.flashRuns === 0, `${row?.flashRuns ?? 'n/a'} of ${row?.runs ?? 0} runs`);
    add(`${rate}x CPU: banner shown on every first visit`, row != null && row.bannerShownRuns === row.runs, `${row?.bannerShownRuns ?? 0} of ${row?.runs ?? 0} runs`);
  }
  return verdicts;
}

const kb = (bytes) => (bytes == null ? 'n/a' : (bytes / KB).toFixed(2));
const ms = (value) => (value == null ? 'n/a' : `${Math.round(value)} ms`);

export const formatVerdicts = (verdicts) =>
  verdicts.map(({ name, pass, detail }) => `${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`).join('\n');
