// A collector that does not know this site, or not this page's origin for it, answers 403 with
// CC_ERR_SITE_UNKNOWN or CC_ERR_ORIGIN. That is a setup step the clinic has not done yet, not a verdict
// on the patient's decision: the receipt stays in the outbox and goes out once the origin is registered,
// and one console line (once per page) names the command that registers it.
import { reportReceipts } from '../errors.js';

const FIX = {
  CC_ERR_SITE_UNKNOWN: (site: string, origin: string) => `npx clinic-consent-collector site add ${site} --origin ${origin}`,
  CC_ERR_ORIGIN: (site: string, origin: string) => `npx clinic-consent-collector site add-origin ${site} --origin ${origin}`,
} as const;

/** True (and said once on the console) when a refusal only means the site or origin is not registered yet. */
export function notRegisteredYet(status: number, body: string, siteId: string): boolean {
  if (status !== 403) return false;
  let code: unknown;
  try {
    code = (JSON.parse(body) as { code?: unknown } | null)?.code;
  } catch {
    return false;
  }
  if (code !== 'CC_ERR_SITE_UNKNOWN' && code !== 'CC_ERR_ORIGIN') return false;
  const origin = location.origin;
  reportReceipts(
    'CC_ERR_RECEIPT_UNREGISTERED',
    `for site "${siteId}" from ${origin} (${code}); they stay in this browser and are sent once it does. Fix: ${FIX[code](siteId, origin)}`,
  );
  return true;
}
