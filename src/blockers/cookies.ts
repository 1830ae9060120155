// Cookie housekeeping: where a tracker's cookie may live (every parent domain up to the registrable
// one, src/storage/domain.ts), and clearing what a refused service stored: its cookies by rule and
// its localStorage keys.
import { registrableDomain } from '../storage/domain.js';
import { wildcard } from './guards/match.js';

/** The host and each parent domain up to the registrable domain: where a cookie may live. */
export function cookieDomains(hostname: string): string[] {
  const top = registrableDomain(hostname);
  const domains = [hostname];
  if (!top) return domains;
  let current = hostname;
  while (current !== top && current.includes('.')) {
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
