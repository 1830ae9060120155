// The leak monitor's loader-side part: once the page has loaded and the browser is idle, it looks in
// resource timing for requests to catalog trackers whose category was never granted on this page:
// markup the preload scanner fetched before any script could act, which only the clinic can fix. It
// prints one warning naming the hosts and hands the tracker ids on (the lazily loaded receipts chunk
// builds and sends the report). Ships in the loader, so it stays this small; must not import the chunk.
import type { Policy } from '../blockers/guards/policy.js';
import { report } from '../errors.js';

/**
 * `leaked` gets the service ids of the trackers that were requested without consent. A request the
 * guards let through is not a leak: its category is granted now or was earlier on this page (`ran`).
 */
export function watchLeaks(policy: Policy, leaked: (services: string[]) => void): void {
  const check = () => {
    try {
      const hosts = new Set<string>();
      const services = new Set<string>();
      for (const { name } of performance.getEntriesByType('resource')) {
        // blocks(): a catalog tracker that may not run now; `ran`: nor did its category earlier on this page.
        const entry = policy.blocks(name);
        if (entry && !policy.ran.has(entry.category)) {
          hosts.add(new URL(name).host);
          services.add(entry.service);
        }
      }
      if (hosts.size) {
        report('CC_WARN_TRACKER_LEAK', [...hosts].join(', '));
        leaked([...services]);
      }
    } catch {
      // A monitor only: the guards hold whatever it failed to look at.
    }
  };
  // After the page's own work: the preload scanner's requests are all in resource timing by then.
  // Within 5 s of the load at the latest, on a page that is never idle.
  // Safari has no requestIdleCallback (2025), though the DOM types say every window has it.
  const idle = () => ((window.requestIdleCallback as typeof requestIdleCallback | undefined) ? requestIdleCallback(check, { timeout: 5000 }) : setTimeout(check));
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}
