// The `tracking` part of a clinic's config: catalog on/off, extra or overriding tracker entries,
// sensitive paths, session replay, Google's Consent Mode flavour and reload-on-withdraw. resolve.ts
// fills in its defaults (resolveTracking); check.ts validates it (its table's `tracking` row), and any
// problem makes the whole SDK fail closed. The built-in catalog is the blockers' own: the loader hands it
// in (src/blockers/trackers.ts), so config/ imports nothing from blockers/. Neither part ever throws.

/** One tracker as the guards use it: built-in (catalog.ts) or written by the clinic. */
export interface TrackerEntry {
  /** Service id, e.g. "meta-pixel"; a clinic entry with a built-in id replaces that entry. */
  readonly service: string;
  /** Consent category; "necessary" lets the tracker run always. */
  readonly category: string;
  /** `host` (with its subdomains) or `host/path-prefix`, e.g. "facebook.com/tr". */
  readonly patterns: readonly string[];
  /** Cookie names, `*` wildcards allowed; writes are dropped and existing ones cleared when not granted. */
  readonly cookies: readonly string[];
  /** Global calls that mark an inline snippet as this tracker's, e.g. "kakaoPixel(". */
  readonly markers: readonly string[];
  /** localStorage keys (`*` allowed) cleared when the category is refused. */
  readonly storage: readonly string[];
  /** A Google tag that reads Consent Mode signals (runs under "advanced" mode). */
  readonly google: boolean;
  /** A session-replay tool (kept off unless `sessionReplay` is "masked"). */
  readonly replay: boolean;
}

/** A tracker a clinic adds (or a built-in one it replaces, by `service`). */
export interface TrackerEntryInput {
  readonly service: string;
  /** Default "marketing": the strictest built-in category. */
  readonly category?: string;
  readonly patterns?: readonly string[];
  readonly cookies?: readonly string[];
  readonly markers?: readonly string[];
  readonly storage?: readonly string[];
  readonly google?: boolean;
  readonly replay?: boolean;
}

/** What a clinic writes under the config key `tracking`. Every field is optional. */
export interface TrackingConfigInput {
  /** Use the built-in catalog (default true). */
  readonly catalog?: boolean;
  /** Extra trackers, or replacements of built-in ones with the same `service`. */
  readonly entries?: readonly TrackerEntryInput[];
  /** Paths where no analytics or marketing runs whatever the consent, e.g. "/booking"; `*` stands for any run of characters. */
  readonly sensitivePaths?: readonly string[];
  /**
   * Path prefixes a leak report (loader/leaks.ts) may name in full, e.g. "/implants/*"; any other page is
   * named by its first segment only. Matched like `sensitivePaths`.
   */
  readonly leakPaths?: readonly string[];
  /** Session-replay tools: "off" (default) never run; "masked" run with consent, all page text masked. */
  readonly sessionReplay?: 'off' | 'masked';
  /** "basic" (default): Google tags blocked until consent; "advanced": they load with denied signals. */
  readonly googleMode?: 'basic' | 'advanced';
  /** Reload the page after a withdrawal instead of only silencing running trackers (default false). */
  readonly reloadOnWithdraw?: boolean;
}

/** The tracking settings after validation, with defaults filled in. */
export interface TrackingConfig {
  readonly entries: readonly TrackerEntry[];
  readonly sensitivePaths: readonly string[];
  readonly leakPaths: readonly string[];
  readonly sessionReplay: 'off' | 'masked';
  readonly googleMode: 'basic' | 'advanced';
  readonly reloadOnWithdraw: boolean;
}

/**
 * A clinic's pattern in the spelling the browser fetches a URL with, which is what the matcher compares:
 * no scheme, the host in lower case and Punycode ("광고.kr" → "xn--…"), the path percent-encoded with its case
 * kept ("/예약" → "/%EC%98%88%EC%95%BD"). A pattern the URL parser refuses is kept as written (it matches nothing).
 */
const normalisePattern = (pattern: string): string => {
  const bare = pattern.replace(/^[a-z]+:\/\/|^\/\//i, '');
  try {
    const url = new URL(`http://${bare}`);
    return url.hostname + (bare.includes('/') ? url.pathname + url.search : '');
  } catch {
    return bare;
  }
};

/**
 * Fills in the defaults of a `tracking` value that the (lazily loaded) config check has accepted, with
 * the clinic's entries laid over the built-in ones by service id, without messages, so it stays small
 * for the loader. Never throws: anything it cannot read yields fail-closed settings (the built-in
 * entries, every page sensitive).
 */
export function resolveTracking(raw: unknown, builtIn: readonly TrackerEntry[]): TrackingConfig {
  try {
    const input = (raw ?? {}) as TrackingConfigInput;
    const entries = new Map((input.catalog === false ? [] : builtIn).map((entry) => [entry.service, entry]));
    for (const entry of input.entries ?? []) {
      entries.set(entry.service, {
        category: 'marketing',
        cookies: [],
        markers: [],
        storage: [],
        google: false,
        replay: false,
        ...entry,
        patterns: (entry.patterns ?? []).map(normalisePattern),
      });
    }
    return {
      entries: [...entries.values()],
      sensitivePaths: [...(input.sensitivePaths ?? [])],
      leakPaths: [...(input.leakPaths ?? [])],
      sessionReplay: input.sessionReplay === 'masked' ? 'masked' : 'off',
      googleMode: input.googleMode === 'advanced' ? 'advanced' : 'basic',
      reloadOnWithdraw: input.reloadOnWithdraw === true,
    };
  } catch {
    return { entries: builtIn, sensitivePaths: ['/'], leakPaths: [], sessionReplay: 'off', googleMode: 'basic', reloadOnWithdraw: true };
  }
}
