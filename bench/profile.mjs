// The SDK's own main-thread script time, from a V8 sampling CPU profile (CDP Profiler domain):
// the self time of every sample whose top frame is in one of the SDK's files. Style, layout and
// GC the SDK causes are not script time and are not counted; neither is the page's inline config.

/** Sampling interval in microseconds: fine enough for SDKs that run for milliseconds, cheap enough at 4x. */
export const SAMPLING_INTERVAL_US = 200;

/** @param {import('playwright-core').CDPSession} cdp */
export async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
}

/**
 * Stops the profile and sums the self time spent in frames whose script URL the adapter owns.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {(path: string) => boolean} own
 * @returns {Promise<number>} milliseconds
 */
export async function stopProfile(cdp, own) {
  return (await stopProfileTimes(cdp, own)).own;
}

/**
 * Stops the profile: the self time of the adapter's frames (`own`), and of every sample the main thread
 * was not idle (`busy`: own script, the page's, style, layout, GC and compilation no frame shows), in ms.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {(path: string) => boolean} own
 * @returns {Promise<{ own: number, busy: number }>}
 */
export async function stopProfileTimes(cdp, own) {
  const { profile } = await cdp.send('Profiler.stop');
  const owned = new Set(profile.nodes.filter((node) => ownsUrl(node.callFrame.url, own)).map((node) => node.id));
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let ownMicros = 0;
  let busyMicros = 0;
  // timeDeltas[i] is the time before sample i; the time after it, until the next sample, is what it stood for.
  for (let i = 0; i < samples.length; i += 1) {
    const node = samples[i] ?? -1;
    const micros = deltas[i + 1] ?? 0;
    if (owned.has(node)) ownMicros += micros;
    if (!idle.has(node)) busyMicros += micros;
  }
  await cdp.send('Profiler.disable');
  return { own: ownMicros / 1000, busy: busyMicros / 1000 };
}

function ownsUrl(url, own) {
  if (!url.startsWith('http://127.0.0.1')) return false;
  return own(new URL(url).pathname);
}
