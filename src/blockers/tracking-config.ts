// The `tracking` part of a clinic's config: catalog on/off, extra or overriding tracker entries,
// sensitive paths, session replay, Google's Consent Mode flavour and reload-on-withdraw.
// Parsing reports every wrong field and uses the fail-closed value for it; it never throws.
import { CATALOG } from './catalog.js';

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
  readonly sessionReplay: 'off' | 'masked';
  readonly googleMode: 'basic' | 'advanced';
  readonly reloadOnWithdraw: boolean;
}

const words = (list = '') => (list ? list.split(' ') : []);

/** The built-in catalog as entries. */
export const catalogEntries = (): TrackerEntry[] =>
  CATALOG.map(([service, category, patterns, cookies, flags = '', markers]) => ({
    service,
    category,
    patterns: words(patterns),
    cookies: words(cookies),
    markers: words(markers),
    storage: [],
    google: flags.includes('g'),
    replay: flags.includes('r'),
  }));

/**
 * The loader's resolver: fills in defaults of a `tracking` value that the (lazily loaded) config
 * check has accepted, without messages, so it stays small. Never throws: anything it cannot read
 * yields fail-closed settings (the catalog, every page sensitive).
 */
export function resolveTrackingConfig(raw: unknown): TrackingConfig {
  try {
    const input = (raw ?? {}) as TrackingConfigInput;
    const entries = new Map((input.catalog === false ? [] : catalogEntries()).map((entry) => [entry.service, entry]));
    for (const entry of input.entries ?? []) {
      entries.set(entry.service, { category: 'marketing', patterns: [], cookies: [], markers: [], storage: [], google: false, replay: false, ...entry });
    }
    return {
      entries: [...entries.values()],
      sensitivePaths: [...(input.sensitivePaths ?? [])],
      sessionReplay: input.sessionReplay === 'masked' ? 'masked' : 'off',
      googleMode: input.googleMode === 'advanced' ? 'advanced' : 'basic',
      reloadOnWithdraw: input.reloadOnWithdraw === true,
    };
  } catch {
    return { entries: catalogEntries(), sensitivePaths: ['/'], sessionReplay: 'off', googleMode: 'basic', reloadOnWithdraw: true };
  }
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates `raw` (the config's `tracking` value, possibly undefined). Each wrong field is reported
 * by path and replaced by its fail-closed value: the catalog on, replay off, Google tags blocked,
 * reload on withdraw, and the whole site sensitive when a sensitive path cannot be read.
 */
export function parseTrackingConfig(raw: unknown, report: (field: string, problem: string) => void): TrackingConfig {
  const input: Record<string, unknown> = isObject(raw) ? raw : {};
  if (raw !== undefined && !isObject(raw)) report('tracking', 'must be an object');
  const pick = <T>(key: string, valid: (value: unknown) => boolean, fallback: T, closed: T, problem: string): T => {
    const value = input[key];
    if (value === undefined) return fallback;
    if (valid(value)) return value as T;
    report(`tracking.${key}`, problem);
    return closed;
  };

  const useCatalog = pick('catalog', (v) => typeof v === 'boolean', true, true, 'must be true or false; the catalog stays on');
  const sensitivePaths = pick<readonly string[]>(
    'sensitivePaths',
    (v) => isStringList(v) && v.every((path) => path.startsWith('/')),
    [],
    ['/'],
    'must be a list of paths starting with "/"; every page is treated as sensitive until fixed',
  );
  const sessionReplay = pick<'off' | 'masked'>('sessionReplay', (v) => v === 'off' || v === 'masked', 'off', 'off', 'must be "off" or "masked"; replay stays off');
  const googleMode = pick<'basic' | 'advanced'>('googleMode', (v) => v === 'basic' || v === 'advanced', 'basic', 'basic', 'must be "basic" or "advanced"; Google tags wait for consent');
  const reloadOnWithdraw = pick('reloadOnWithdraw', (v) => typeof v === 'boolean', false, true, 'must be true or false; the page reloads after a withdrawal');

  const entries = new Map((useCatalog ? catalogEntries() : []).map((entry) => [entry.service, entry]));
  const extra = input.entries;
  if (extra !== undefined && !Array.isArray(extra)) report('tracking.entries', 'must be a list; only the catalog applies');
  (Array.isArray(extra) ? extra : []).forEach((item: unknown, index) => {
    const field = `tracking.entries[${index}]`;
    const entry = parseEntry(item, field, report);
    if (entry) entries.set(entry.service, entry);
  });
  for (const key of Object.keys(input)) {
    if (!['catalog', 'entries', 'sensitivePaths', 'sessionReplay', 'googleMode', 'reloadOnWithdraw'].includes(key)) report(`tracking.${key}`, 'unknown field, ignored');
  }
  return { entries: [...entries.values()], sensitivePaths, sessionReplay, googleMode, reloadOnWithdraw };
}

/**
 * One clinic entry. A wrong category becomes "marketing" (blocked until the strictest consent);
 * a wrong list is dropped (reported); an entry without a usable service id is dropped whole,
 * which leaves the built-in entry of that name in place.
 */
function parseEntry(item: unknown, field: string, report: (field: string, problem: string) => void): TrackerEntry | null {
  if (!isObject(item) || typeof item.service !== 'string' || !/^[a-z0-9-]+$/.test(item.service)) {
    report(`${field}.service`, 'needs a service id of lower-case letters, digits and dashes; entry ignored');
    return null;
  }
  const list = (key: string): string[] => {
    const value = item[key];
    if (value === undefined) return [];
    if (isStringList(value)) return key === 'patterns' ? value.map((p) => p.replace(/^[a-z]+:\/\/|^\/\//i, '').toLowerCase()) : value;
    report(`${field}.${key}`, 'must be a list of non-empty strings; ignored');
    return [];
  };
  const flag = (key: string): boolean => {
    const value = item[key];
    if (value === undefined || typeof value === 'boolean') return value === true;
    report(`${field}.${key}`, 'must be true or false');
    return key === 'replay';
  };
  let category = item.category ?? 'marketing';
  if (typeof category !== 'string' || !/^[a-z0-9-]+$/.test(category)) {
    report(`${field}.category`, 'must be a category id; "marketing" is used');
    category = 'marketing';
  }
  return {
    service: item.service,
    category: category as string,
    patterns: list('patterns'),
    cookies: list('cookies'),
    markers: list('markers'),
    storage: list('storage'),
    google: flag('google'),
    replay: flag('replay'),
  };
}
