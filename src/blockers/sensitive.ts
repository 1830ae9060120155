// Sensitive pages (booking, consultation, forms with health details): on them no analytics or
// marketing tracker runs, whatever the consent. Matching is by path prefix at a segment boundary
// ("/booking" covers "/booking/step-2" but not "/bookings"); `*` stands for any run of characters.
import { wildcard } from './guards/match.js';

/** A test for pathnames; re-reads nothing, so callers pass `location.pathname` each time (SPAs). */
export function sensitiveMatcher(paths: readonly string[]): (pathname: string) => boolean {
  if (!paths.length) return () => false;
  const regex = new RegExp(`^(?:${paths.map((path) => wildcard(path.replace(/\/+$/, ''))).join('|')})(?:/|$)`, 'i');
  let last = '';
  let result = false;
  return (pathname) => {
    if (pathname !== last) {
      last = pathname;
      result = regex.test(pathname);
    }
    return result;
  };
}
