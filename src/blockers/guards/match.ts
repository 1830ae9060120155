// Finds the tracker entry a URL, a cookie name or an inline script belongs to. Pure and fast: a URL
// is split by one regex and looked up host label by host label, so a let-through call costs little.
// Imports nothing from the DOM; used by every guard and by the unit tests.
import type { TrackerEntry } from '../../config/tracking.js';

export interface Matcher {
  /** The entry of an absolute or protocol-relative URL; relative URLs are the page's own. */
  url(url: string): TrackerEntry | undefined;
  /** The entry of a parsed URL's hostname and path (pathname + search). */
  at(hostname: string, path: string): TrackerEntry | undefined;
  /** The entry whose cookie list holds this name. */
  cookie(name: string): TrackerEntry | undefined;
  /**
   * The entry an inline script must wait for: it calls a marker global (e.g. `kakaoPixel(`) that
   * does not exist yet, because the tracker that defines it is held. Run now, it would throw or
   * do nothing; run after its tracker, it works. Snippets that define their own stub are not held
   * (the script they insert is).
   */
  inline(text: string, defined: (name: string) => boolean): TrackerEntry | undefined;
}

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
/** A `*` pattern as a regex source. */
export const wildcard = (pattern: string) => pattern.split('*').map(escape).join('.*');

export function createMatcher(entries: readonly TrackerEntry[]): Matcher {
  // host → [path prefix, entry], longest prefix first, so "gtag/js?id=AW-" wins over "gtag/".
  const byHost = new Map<string, [string, TrackerEntry][]>();
  const cookieRules: [RegExp, TrackerEntry][] = [];
  const inlineRules: [RegExp, string, TrackerEntry][] = [];
  for (const entry of entries) {
    for (const pattern of entry.patterns) {
      const slash = pattern.indexOf('/');
      const host = (slash < 0 ? pattern : pattern.slice(0, slash)).toLowerCase();
      const list = byHost.get(host) ?? [];
      list.push([slash < 0 ? '' : pattern.slice(slash), entry]);
      list.sort((a, b) => b[0].length - a[0].length);
      byHost.set(host, list);
    }
    if (entry.cookies.length) cookieRules.push([new RegExp(`^(?:${entry.cookies.map(wildcard).join('|')})$`), entry]);
    for (const marker of entry.markers) inlineRules.push([new RegExp(`(?:^|[^\\w$])${escape(marker)}`), (/^[\w$]+/.exec(marker) ?? [''])[0], entry]);
  }
  const anyCookie = new RegExp(cookieRules.map(([regex]) => regex.source).join('|') || '$^');

  const at = (hostname: string, path: string) => {
    // "www.facebook.com." is the same host as "www.facebook.com".
    let host = hostname.toLowerCase().replace(/\.$/, '');
    for (;;) {
      const list = byHost.get(host);
      if (list) for (const [prefix, entry] of list) if (path.startsWith(prefix)) return entry;
      const dot = host.indexOf('.');
      if (dot < 0) return undefined;
      host = host.slice(dot + 1);
    }
  };

  return {
    at,
    url(url) {
      try {
        // Parsed as the browser would fetch it; a relative URL resolves to a host no pattern names.
        const parsed = new URL(url, 'http://relative.invalid/');
        return at(parsed.hostname, parsed.pathname + parsed.search);
      } catch {
        return undefined;
      }
    },
    cookie(name) {
      if (!anyCookie.test(name)) return undefined;
      return cookieRules.find(([regex]) => regex.test(name))?.[1];
    },
    inline(text, defined) {
      // What the code calls, not what its strings and comments mention (a link to a tracker's site, a note).
      const code = text.replace(/\/\/.*|\/\*[\s\S]*?\*\/|(["'`])(?:\\[\s\S]|(?!\1)[^\\])*\1/g, ' ');
      return inlineRules.find(([regex, name]) => regex.test(code) && !defined(name))?.[2];
    },
  };
}
