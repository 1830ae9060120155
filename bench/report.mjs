// The results table (Markdown, printed as-is to the console too) and bench/RESULTS.md around it.
import { BUDGETS, conditionLabel, conditionsOf, formatVerdicts, isPeer } from './budgets.mjs';
import { AFTER_ACCEPT_MS, AFTER_REJECT_MS, REACTION_MS, SETTLE_MS } from './flows.mjs';
import { SLOW_IMAGE_MS } from './page.mjs';
import { SAMPLING_INTERVAL_US } from './profile.mjs';
import { EXPECTED_TRACKER_REQUESTS } from './trackers.mjs';

const kb = (bytes) => (bytes == null ? 'n/a' : (bytes / 1024).toFixed(2));
const ms = (value) => (value == null ? 'n/a' : String(Math.round(value)));
const num = (value) => (value == null ? 'n/a' : String(value));
const cls = (value) => (value == null ? 'n/a' : value === 0 ? '0' : value.toFixed(4));

const columns = [
  ['Before banner KB', (row) => kb(row.bannerBytes)],
  ['Before choice KB', (row) => kb(row.firstBytes)],
  ['+ after choice KB', (row) => kb(row.afterChoiceBytes)],
  ['Returning KB', (row) => kb(row.returnBytes)],
  ['Banner visible ms', (row) => ms(row.bannerMs)],
  ['Own script ms', (row) => ms(row.scriptMs)],
  ['CLS', (row) => cls(row.cls)],
  ['Trackers before choice', (row) => num(row.trackersBefore)],
  ['after reject', (row) => num(row.trackersAfterReject)],
  ['after accept', (row) => num(row.trackersAfterAccept)],
  ['Returning flash', (row) => `${row.flashRuns}/${row.runs}`],
  ['Returning: first tracker ms', (row) => ms(row.firstTrackerMs)],
];

// Lower is better for these; ours is divided by the best (lowest) peer.
const ratioKeys = [
  ['size before the banner', 'bannerBytes'],
  ['size before the choice', 'firstBytes'],
  ['returning size', 'returnBytes'],
  ['banner visible', 'bannerMs'],
  ['own script time', 'scriptMs'],
  ['returning first tracker', 'firstTrackerMs'],
];

function ratios(results, rate) {
  const ours = results.adapters.find((adapter) => adapter.ours);
  const rows = results.rates[rate];
  if (!ours || !rows) return '';
  const parts = ratioKeys.map(([name, key]) => {
    const peers = results.adapters.filter((adapter) => isPeer(adapter) && rows[adapter.id]?.[key] != null);
    const best = peers.sort((a, b) => rows[a.id][key] - rows[b.id][key])[0];
    const mine = rows[ours.id]?.[key];
    if (!best || mine == null || !rows[best.id][key]) return `${name}: n/a`;
    return `${name} ${(mine / rows[best.id][key]).toFixed(2)}× (best peer: ${best.label})`;
  });
  return `Ours ÷ best peer: ${parts.join('; ')}.`;
}

/** One Markdown table per condition (CPU rate, emulated round trip). */
export function formatTables(results) {
  return conditionsOf(results)
    .map((condition) => {
      const rate = condition.id;
      const header = `| SDK | ${columns.map(([name]) => name).join(' | ')} |`;
      const rule = `|---|${columns.map(() => '---:').join('|')}|`;
      const lines = results.adapters.map((adapter) => {
        const row = results.rates[rate][adapter.id];
        return `| ${adapter.ours ? `**${adapter.label}**` : adapter.label} | ${columns.map(([, cell]) => cell(row)).join(' | ')} |`;
      });
      return [`### ${conditionLabel(condition)}`, '', header, rule, ...lines, '', ratios(results, rate)].join('\n');
    })
    .join('\n\n');
}

/** The whole of bench/RESULTS.md. */
export function formatResultsFile(results, verdicts) {
  const { machine } = results;
  return `# Benchmark: Clinic Consent against the consent tools clinics would otherwise pick

Produced by \`npm run bench\` (bench/run.mjs); \`npm run bench:check\` checks our budgets against bench/results.json.
The numbers move as the SDK changes: this is what \`dist/\` held on the date below (the bench never builds).
\`BENCH_RUNS\`, \`BENCH_RATES\` and \`BENCH_ONLY\` (adapter ids) shorten a run while working on one SDK.

- Date: ${results.date}
- Machine: ${machine.cpu} × ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}; Node ${machine.node};
  load average ${machine.loadBefore} at the start and ${machine.loadAfter} at the end (other work shares these cores)
- Browser: Chromium ${machine.browser} (headless, via test/support/chromium.mjs), viewport 1280×800
- Runs: ${results.runs} per SDK per CPU rate (each run = two fresh browser contexts), medians unless noted; run order rotated per run;
  the whole bench took ${results.durationS} s
- Our dist: loader sha256 ${results.distHash}${results.distChangedDuringRun ? ' (dist/ was rebuilt while the bench ran: the runs mix two builds)' : ''}

${formatTables(results)}

## Budgets (npm run bench:check)

\`\`\`
${formatVerdicts(verdicts)}
\`\`\`

## How each SDK is set up

Every SDK gets the same clinic page (bench/page.mjs): the same text, the same two stand-in trackers
(an analytics tag and a marketing pixel of "Medisian Inc.", each a script that sets a cookie and fires a beacon),
and one image the server holds back ${SLOW_IMAGE_MS} ms, so \`load\` fires late. Only what each SDK's own
documentation says goes into the page differs (bench/adapters/):

${results.adapters.map((adapter) => `- **${adapter.label}**: ${adapter.setup}.`).join('\n')}

## Files counted (first run)

${results.adapters.map((adapter) => {
    const row = Object.values(results.rates)[0]?.[adapter.id];
    const list = (files) => (files ?? []).join(', ') || 'none';
    return `- **${adapter.label}**: before the banner ${list(row?.bannerFiles)}; before the choice ${list(row?.firstFiles)}; after the choice ${list(row?.afterChoiceFiles)}; returning ${list(row?.returnFiles)}`;
  }).join('\n')}

## Method

- Served from \`http://127.0.0.1\` (bench/server.mjs), \`cache-control: no-store\`, no compression on the wire. Every request
  that is not to 127.0.0.1 goes through \`context.route\`: the tracker hosts get local stand-ins, anything else is aborted
  and counted (column not shown; it was ${Math.max(0, ...Object.values(results.rates).flatMap((rows) => Object.values(rows).map((row) => row.external ?? 0)))} at most).
- CPU throttling with CDP \`Emulation.setCPUThrottlingRate\` (1x and 4x), set before navigation. The latency run adds a
  round-trip time to every request with CDP \`Network.emulateNetworkConditions\` (its \`latency\`; no bandwidth limit), for every
  SDK alike: loopback hides the round trip each lazily loaded chunk costs.
- **Reject session** (fresh context, V8 sampling profiler on at ${SAMPLING_INTERVAL_US} µs): open the page, wait for \`load\` and
  the banner, then ${SETTLE_MS} ms; stop the profiler; click the SDK's "reject all"; wait ${AFTER_REJECT_MS} ms.
- **Accept session** (fresh context, no profiler): open the page, time the banner, wait ${REACTION_MS} ms (a patient's reaction;
  clicking on the banner's first frame can beat an SDK's own click handlers), click "accept all", wait until all
  ${EXPECTED_TRACKER_REQUESTS} tracker requests arrived (at most ${AFTER_ACCEPT_MS} ms), wait until the work the choice started
  has finished where an SDK says how to tell (ours: its decision journal is empty, the receipt kept), then open the same page
  again as a returning visitor and wait for \`load\` + ${SETTLE_MS} ms.
- **Before banner KB / Before choice KB / + after choice KB / Returning KB**: every JS and CSS response served from the SDK's own
  paths in the reject session whose request started (Resource Timing) before the banner's first visible frame / before the choice /
  in the ${AFTER_REJECT_MS} ms after "reject all" (files not already fetched) / in the returning visit; each file brotli-compressed
  (quality 11) on its own, summed. Budgets: ${BUDGETS.bannerBytes / 1024} KB before the banner, ${BUDGETS.choiceBytes / 1024} KB before the
  choice, ${BUDGETS.returnBytes / 1024} KB returning. Page-inline configuration is not counted for any SDK; c15t's bundle includes the
  small banner we wrote for it.
- **Our two config cases**: the budgets hold for the config stamped as checked at build time (\`clinic-consent check --stamp\`:
  no checker at run time); the plain config (the checker runs on a browser's first visit) is measured beside it and not budgeted.
- **Banner visible**: an init script checks on every animation frame whether the SDK's banner element is rendered,
  not transparent/hidden and inside the viewport; the time is that frame's timestamp, from navigation start.
- **Own script time**: from the reject session's CPU profile, the self time of samples whose top frame lies in one of the SDK's
  script files, from navigation until ${SETTLE_MS} ms after the banner and \`load\`. Style/layout/GC it triggers are not included,
  nor compilation done before a function's first call (V8 compiles eagerly a file that opens with \`//# allFunctionsCalledOnLoad\`,
  as our loader does since 2026-12-02); a function compiled lazily, on its first call, counts its compilation here.
- **CLS**: sum of \`layout-shift\` entries without recent input, up to the choice (median; the budget needs every run at 0).
- **Trackers**: requests to the stand-in hosts (scripts and beacons) before a choice (worst run of both sessions),
  in the ${AFTER_REJECT_MS} ms after reject (worst run), after accept (median; ${EXPECTED_TRACKER_REQUESTS} means both trackers loaded and beaconed).
- **Choosing**: a click on "accept/reject all" counts as taken when that button goes away; if it is still visible 1 s later the
  harness clicks again (at most 3 times), as a patient would. Most clicks it took per SDK:
  ${results.adapters.map((adapter) => `${adapter.label} ${Math.max(...Object.values(results.rates).map((rows) => rows[adapter.id]?.maxClicks ?? 0))}`).join(', ')}.
- **Returning flash**: runs in which the banner was visible at any frame of the returning visit. **Returning: first tracker**:
  Resource Timing \`startTime\` of the first request to a tracker host in the returning visit, from navigation start.
`;
}
