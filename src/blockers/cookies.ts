// Cookie housekeeping: where a tracker's cookie may live (the host and every parent domain), and
// clearing what a refused service stored: its cookies by rule and its localStorage keys.
import { wildcard } from './guards/match.js';

/**
 * The host and each parent domain of two labels or more: where a cookie may live. No list of public
 * suffixes is needed (it cost the loader 0.14 KB): the browser refuses a cookie on a public suffix
 * such as `co.kr`, so deleting one there is a write it ignores. An IP address has no parents.
 */
export function cookieDomains(hostname: string): string[] {
  const domains = [hostname];
  if (/^[\d.]+$|:/.test(hostname)) return domains;
  for (let current = hostname; current.indexOf('.') !== current.lastIndexOf('.'); ) {
    current = current.slice(current.indexOf('.') + 1);
    domains.push(current);
  }
  return domains;
}

/** Paths where a tracker commonly sets cookies: the root and each parent of the current path. */
function cookiePaths(pathname: string): string[] {
  const paths = ['/'];
  const parts = pathname.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) paths.push(`/${parts.slice(0, i).join('/')}`);
  return paths;
}

/** Turns a rule name with `*` wildcards into a test for cookie names. */
function nameMatcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) return (name) => name === pattern;
  const regex = new RegExp(`^${wildcard(pattern)}$`);
  return (name) => regex.test(name);
}

/** Names of the cookies this page can see. */
export function presentCookieNames(): string[] {
  return document.cookie
    .split(';')
    .map((pair) => pair.split('=')[0]?.trim() ?? '')
    .filter(Boolean);
}

/**
 * Deletes every visible cookie whose name matches one of `patterns`, on the host and every parent
 * domain (plus an explicit `domain` of a rule), across the common paths. Returns the names deleted.
 */
export function deleteCookies(patterns: readonly { name: string; domain?: string }[], location: Location = window.location): string[] {
  const present = presentCookieNames();
  const deleted: string[] = [];
  for (const rule of patterns) {
    const matches = nameMatcher(rule.name);
    for (const name of present.filter(matches)) {
      const domains = new Set([...cookieDomains(location.hostname), ...(rule.domain ? [rule.domain.replace(/^\./, '')] : [])]);
      for (const path of cookiePaths(location.pathname)) {
        document.cookie = `${name}=; Max-Age=0; Path=${path}`;
        for (const domain of domains) document.cookie = `${name}=; Max-Age=0; Path=${path}; Domain=${domain}`;
      }
      deleted.push(name);
    }
  }
  return deleted;
}

/**
 * Clears what refused services stored: their cookies (as deleteCookies) and every localStorage key
 * matching one of `storageKeys` (`*` wildcards allowed).
 */
export function clearStored(cookies: readonly { name: string; domain?: string }[], storageKeys: readonly string[]): void {
  deleteCookies(cookies);
  if (!storageKeys.length) return;
  try {
    const regex = new RegExp(`^(?:${storageKeys.map(wildcard).join('|')})$`);
    for (const key of Object.keys(localStorage)) if (regex.test(key)) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was written there either.
  }
}
