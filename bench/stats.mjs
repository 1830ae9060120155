// Turns the raw samples of one SDK at one CPU rate into the numbers the table shows.
// Medians for times and sizes; worst case (max) for anything that must never happen.

export const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const max = (values) => (values.length ? Math.max(...values) : null);

/**
 * @param {Awaited<ReturnType<typeof import('./flows.mjs').rejectFlow>>[]} rejects
 * @param {Awaited<ReturnType<typeof import('./flows.mjs').acceptFlow>>[]} accepts
 */
export function summarize(rejects, accepts) {
  return {
    runs: Math.min(rejects.length, accepts.length),
    bannerShownRuns: accepts.filter((run) => run.shown).length,
    bannerBytes: median(rejects.map((run) => run.bannerBytes)),
    firstBytes: median(rejects.map((run) => run.firstBytes)),
    afterChoiceBytes: median(rejects.map((run) => run.afterChoiceBytes)),
    returnBytes: median(accepts.map((run) => run.returnBytes)),
    bannerMs: median(accepts.map((run) => run.bannerMs)),
    scriptMs: median(rejects.map((run) => run.scriptMs)),
    cls: median(rejects.map((run) => run.cls)),
    clsMax: max(rejects.map((run) => run.cls)),
    trackersBefore: max([...rejects.map((run) => run.trackersBefore), ...accepts.map((run) => run.trackersBefore)]),
    trackersAfterReject: max(rejects.map((run) => run.trackersAfterReject)),
    trackersAfterAccept: median(accepts.map((run) => run.trackersAfterAccept)),
    // More than one click means the first one landed before the SDK listened (see flows.mjs choose()).
    maxClicks: max([...rejects.map((run) => run.rejectClicks), ...accepts.map((run) => run.acceptClicks)]),
    flashRuns: accepts.filter((run) => run.flash).length,
    firstTrackerMs: median(accepts.map((run) => run.firstTrackerMs)),
    external: max([...rejects.map((run) => run.external), ...accepts.map((run) => run.external)]),
    bannerFiles: rejects[0]?.bannerFiles ?? [],
    firstFiles: rejects[0]?.firstFiles ?? [],
    afterChoiceFiles: rejects[0]?.afterChoiceFiles ?? [],
    returnFiles: accepts[0]?.returnFiles ?? [],
  };
}
