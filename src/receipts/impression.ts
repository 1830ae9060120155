// The impression part (dist/<version>/parts/impression.js): counts one banner display per tab session
// without the receipts chunk, which a first visit then fetches only when the patient decides. The
// impression is written to its journal (journal.ts) and sent at once; whatever does not arrive (offline,
// the collector down, the site not registered yet) the receipts chunk takes into its outbox the next time
// it starts, and retries. The collector keeps each impression id once, so one sent twice counts once.
import type { ResolvedConfig } from '../config/types.js';
import { impressionOf } from './build.js';
import { uuid } from './crypto.js';
import { deviceClass } from './device.js';
import { impressions } from './journal.js';
import { endpointOf, post, urlFor } from './post.js';

export interface ImpressionOptions {
  readonly config: ResolvedConfig;
  readonly sdkVersion: string;
  readonly consentVersion: string;
  /** The language the banner was shown in. */
  readonly locale: string;
}

const SESSION_KEY = 'cc-clinic-impression';
let counted = false;

/** Records the banner's display, once per tab session; resolves once it is sent or left for the receipts chunk. */
export async function recordImpression({ config, sdkVersion, consentVersion, locale }: ImpressionOptions): Promise<void> {
  const endpoint = endpointOf(config);
  if (!endpoint || counted) return;
  counted = true;
  try {
    // sessionStorage is per tab: one impression per banner display per tab session.
    if (sessionStorage.getItem(SESSION_KEY)) return;
    sessionStorage.setItem(SESSION_KEY, '1');
  } catch {
    // Storage blocked: this page's own flag above still keeps it to one.
  }
  const payload = impressionOf({ config, sdkVersion, deviceClass: deviceClass(), pageLocale: locale }, consentVersion, uuid(), Date.now());
  impressions.add(payload);
  const response = await post(urlFor('impression', endpoint), JSON.stringify(payload), true).catch(() => null);
  if (response?.ok) impressions.strike(payload.id);
}
