// Our budgets from issue 16, checked against a results object (bench/results.json). Pure: no I/O,
// so run.mjs can print the verdicts under the table and check.mjs can exit non-zero on them.
// Byte budgets are absolute (bytes do not depend on the machine); time budgets are ratios to the
// peers measured in the same run, since absolute times do not hold on a shared machine.
// They apply to our stamped case (a config checked at build time); the plain case is reported beside it.

const KB = 1024;

/** Every budget figure in one place, so the README and RESULTS.md can quote them. */
export const BUDGETS = {
  /** Returning visit, brotli: the loader with its guards. */
  returnBytes: 8 * KB,
  /** Returning visit as a share of vanilla-cookieconsent's returning visit. */
  returnVsVanilla: 0.6,
  /** Everything of ours requested before the banner is visible (loader, UI, the page language's texts). */
  bannerBytes: 16 * KB,
  /** Everything of ours requested before the patient's choice. */
  choiceBytes: 22 * KB,
  /** Banner visible, as a share of the fastest peer, at every CPU rate and with latency emulated. */
  bannerVsFastest: 1.0,
  /** Own script time as a share of vanilla-cookieconsent's, per CPU rate (other rates: the 4x figure). */
  scriptVsVanilla: { 1: 2, 4: 1.5 },
  /** Returning visit: first tracker request, as a share of the best peer's. */
  firstTrackerVsBest: 0.8,
};

/** The SDKs we compare against: not ours, and not a second setup of ours (e.g. the unstamped config). */
export const isPeer = (adapter) => !adapter.ours && !adapter.variantOf;

/**
 * The measuring conditions of a run: a CPU rate, and a round-trip time emulated on the network (0: loopback).
 * Results written before conditions existed keyed their rows by CPU rate only.
 * @param {{ conditions?: { id: string, cpu: number, rttMs: number }[], rates: Record<string, unknown> }} results
 */
export const conditionsOf = (results) => results.conditions ?? Object.keys(results.rates).map((id) => ({ id, cpu: Number(id), rttMs: 0 }));

/** How a condition reads in tables and verdicts. */
export const conditionLabel = ({ cpu, rttMs }) => `${cpu}x CPU${rttMs ? `, ${rttMs} ms RTT` : ''}`;

/**
 * @param {{ adapters: { id: string, ours?: boolean, variantOf?: string }[], conditions?: { id: string, cpu: number, rttMs: number }[], rates: Record<string, Record<string, ReturnType<typeof import('./stats.mjs').summarize>>> }} results
 * @returns {{ name: string, pass: boolean, detail: string }[]}
 */
export function checkBudgets(results) {
  const ours = results.adapters.find((adapter) => adapter.ours);
  if (!ours) return [{ name: 'our SDK measured', pass: false, detail: 'no adapter is marked ours' }];
  const verdicts = [];
  const add = (name, pass, detail) => verdicts.push({ name, pass: Boolean(pass), detail });
  const conditions = conditionsOf(results);
  const peers = results.adapters.filter(isPeer);
  const rowsAt = (condition) => results.rates[condition.id] ?? {};
  /** The peer with the lowest value of `key` under a condition, or undefined. */
  const bestPeer = (condition, key) => peers
    .map((adapter) => ({ id: adapter.id, value: rowsAt(condition)[adapter.id]?.[key] }))
    .filter((peer) => peer.value != null)
    .sort((a, b) => a.value - b.value)[0];
  /** `ours ≤ factor × reference`, with the figures in the detail. */
  const ratio = (name, mine, reference, factor, format) => add(
    name,
    mine != null && reference?.value != null && mine <= factor * reference.value,
    `${format(mine)} vs ${reference?.value != null ? `${reference.id} ${format(reference.value)} (limit ${format(factor * reference.value)})` : 'no peer figure'}`,
  );

  // Bytes do not depend on CPU or latency: the first loopback condition's figures stand for all.
  const base = conditions.find((condition) => !condition.rttMs) ?? conditions[0];
  const first = base && rowsAt(base)[ours.id];
  const atMost = (name, bytes, limit) => add(`${name} ≤ ${kb(limit)} KB brotli`, bytes != null && bytes <= limit, `${kb(bytes)} KB`);
  atMost('returning visit', first?.returnBytes, BUDGETS.returnBytes);
  if (base) {
    const vanilla = rowsAt(base)['vanilla-cookieconsent']?.returnBytes;
    ratio(`returning visit ≤ ${BUDGETS.returnVsVanilla}× vanilla-cookieconsent`, first?.returnBytes, { id: 'vanilla-cookieconsent', value: vanilla }, BUDGETS.returnVsVanilla, kbUnit);
  }
  atMost('everything before the banner is visible', first?.bannerBytes, BUDGETS.bannerBytes);
  atMost("everything before the patient's choice", first?.firstBytes, BUDGETS.choiceBytes);

  for (const condition of conditions) {
    const label = conditionLabel(condition);
    const row = rowsAt(condition)[ours.id];
    ratio(`${label}: banner visible ≤ ${BUDGETS.bannerVsFastest}× fastest peer`, row?.bannerMs, bestPeer(condition, 'bannerMs'), BUDGETS.bannerVsFastest, ms);
    // Script time and tracker timing are held on loopback; latency is there to show what round trips cost the banner.
    if (!condition.rttMs) {
      const factor = BUDGETS.scriptVsVanilla[condition.cpu] ?? BUDGETS.scriptVsVanilla[4];
      const vanilla = rowsAt(condition)['vanilla-cookieconsent']?.scriptMs;
      ratio(`${label}: own script time ≤ ${factor}× vanilla-cookieconsent's`, row?.scriptMs, { id: 'vanilla-cookieconsent', value: vanilla }, factor, ms);
      ratio(`${label}: returning visit, first tracker ≤ ${BUDGETS.firstTrackerVsBest}× best peer`, row?.firstTrackerMs, bestPeer(condition, 'firstTrackerMs'), BUDGETS.firstTrackerVsBest, ms);
    }
    add(`${label}: CLS 0 (every run)`, row?.clsMax === 0, `max ${row?.clsMax ?? 'n/a'}`);
    add(`${label}: 0 tracker requests before consent (every run)`, row?.trackersBefore === 0, `max ${row?.trackersBefore ?? 'n/a'}`);
    add(`${label}: no banner flash for a returning visitor`, row?.flashRuns === 0, `${row?.flashRuns ?? 'n/a'} of ${row?.runs ?? 0} runs`);
    add(`${label}: banner shown on every first visit`, row != null && row.bannerShownRuns === row.runs, `${row?.bannerShownRuns ?? 0} of ${row?.runs ?? 0} runs`);
  }
  return verdicts;
}

const kb = (bytes) => (bytes == null ? 'n/a' : (bytes / KB).toFixed(2));
const kbUnit = (bytes) => `${kb(bytes)} KB`;
const ms = (value) => (value == null ? 'n/a' : `${Math.round(value)} ms`);

export const formatVerdicts = (verdicts) =>
  verdicts.map(({ name, pass, detail }) => `${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`).join('\n');
