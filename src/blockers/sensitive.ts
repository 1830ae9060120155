// Sensitive pages (booking, consultation, forms with health details): on them no analytics or
// marketing tracker runs, whatever the consent. Matching is by path prefix at a segment boundary
// ("/booking" covers "/booking/step-2" but not "/bookings"); `*` stands for any run of characters.
// Both sides are compared decoded: `location.pathname` is percent-encoded ("/%EC%98%88%EC%95%BD"),
// a config is written either way ("/예약"). Letters compare case-insensitively.
import { wildcard } from './guards/match.js';

/** The path with its escapes decoded (reserved ones such as %2F stay); as given when they are malformed. */
const decoded = (path: string) => {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
};

/** A test for pathnames; re-reads nothing, so callers pass `location.pathname` each time (SPAs). */
export function sensitiveMatcher(paths: readonly string[]): (pathname: string) => boolean {
  if (!paths.length) return () => false;
  const regex = new RegExp(`^(?:${paths.map((path) => wildcard(decoded(path).replace(/\/+$/, ''))).join('|')})(?:/|$)`, 'i');
  let last = '';
  let result = false;
  return (pathname) => {
    if (pathname !== last) {
      last = pathname;
      result = regex.test(decoded(pathname));
    }
    return result;
  };
}

/**
 * On a sensitive page, the next page's `document.referrer` (and any request's Referer) gets the
 * origin only: booking forms often put a name or a phone number in the path or the query.
 */
export function hideReferrer(sensitive: (pathname: string) => boolean): void {
  if (!sensitive(location.pathname)) return;
  const meta = document.createElement('meta');
  meta.name = 'referrer';
  meta.content = 'strict-origin';
  document.head.append(meta);
}
