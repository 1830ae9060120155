// Leak reports (schema/leak.v1.schema.json), built in the receipts chunk from the tracker ids the loader's
// monitor found (src/loader/leaks.ts). A path can name a patient or a doctor, so a report names the page by
// its first segment only, or by a longer prefix the clinic declared (`tracking.leakPaths`), and on a
// sensitive page by nothing but the index of its rule. No URL, query, referrer or visitor id.
import { LIMITS } from '../../schema/shapes.js';
import { LEAK_SCHEMA, type LeakReportV1 } from '../../schema/types.js';
import { sensitiveMatcher } from '../blockers/sensitive.js';
import type { TrackingConfig } from '../config/tracking.js';

/** Where the leak happened, as a report may name it. */
export type LeakPlace = { readonly path: string } | { readonly sensitive: number };

const matchesRule = (pathname: string) => (rule: string) => sensitiveMatcher([rule])(pathname);

/** How a report names the page at `pathname` (percent-encoded, as `location.pathname` gives it). */
export function leakPlace(tracking: Pick<TrackingConfig, 'sensitivePaths' | 'leakPaths'>, pathname: string): LeakPlace {
  const sensitive = tracking.sensitivePaths.findIndex(matchesRule(pathname));
  if (sensitive >= 0) return { sensitive };
  // As many segments as the longest declared prefix the page is under ("/implants/*" keeps two), else one.
  const kept = Math.max(1, ...tracking.leakPaths.filter(matchesRule(pathname)).map((rule) => rule.replace(/\/+$/, '').split('/').length - 1));
  const path = `/${pathname.split('/').slice(1, kept + 1).join('/')}`
    // What the URL parser leaves as it is ("|", "[", a stray "%") is escaped, so the path is all RFC 3986 pchars.
    .replace(/[^\w.~!$&'()*+,;=:@%/-]|%(?![\dA-F]{2})/giu, (char) => encodeURIComponent(char));
  return { path: path.length > LIMITS.pagePath ? cut(path) : path };
}

/** A path cut to the limit without half an escape or half a character (a UTF-8 sequence of up to 4 escapes). */
function cut(path: string): string {
  let kept = path.slice(0, LIMITS.pagePath).replace(/%[\dA-F]?$/i, '');
  for (let tries = 0; tries < 3 && !decodes(kept); tries++) kept = kept.replace(/%[\dA-F]{2}$/i, '');
  return kept;
}

const decodes = (path: string): boolean => {
  try {
    decodeURI(path);
    return true;
  } catch {
    return false;
  }
};

/** The mark a report is remembered by, once per page and day: the path, or the sensitive rule's index. */
export const leakMark = (place: LeakPlace): string => ('path' in place ? `leak ${place.path}` : `leak #${place.sensitive}`);

export function leakReportOf(siteId: string, trackers: readonly string[], place: LeakPlace, id: string, now: number): LeakReportV1 {
  return {
    schema: LEAK_SCHEMA,
    id,
    siteId,
    day: new Date(now).toISOString().slice(0, 10),
    trackers: [...new Set(trackers)].slice(0, LIMITS.services),
    ...place,
  };
}
