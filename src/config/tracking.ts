// The `tracking` part of a clinic's config: catalog on/off, extra or overriding tracker entries,
// sensitive paths, session replay, Google's Consent Mode flavour and reload-on-withdraw. The loader
// resolves it (defaults filled in, no messages); the lazily loaded config check validates it, and
// any problem it reports makes the whole SDK fail closed. Neither ever throws.
import { CATALOG } from '../blockers/catalog.js';

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

/** A clinic's pattern as the matcher reads it: no scheme, lower case ("https://Chat.example.com/w" → "chat.example.com/w"). */
const normalisePattern = (pattern: string): string => pattern.replace(/^[a-z]+:\/\/|^\/\//i, '').toLowerCase();

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
const settings = ['catalog', 'entries', 'sensitivePaths', 'sessionReplay', 'googleMode', 'reloadOnWithdraw'];

/**
 * Validates `raw` (the config's `tracking` value, possibly undefined), reporting each wrong field by
 * its path. It builds nothing: the loader resolves the checked value (resolveTrackingConfig).
 */
export function checkTrackingConfig(raw: unknown, report: (field: string, problem: string) => void): void {
  if (raw === undefined) return;
  if (!isObject(raw)) return report('tracking', 'must be an object');
  const check = (key: string, valid: (value: unknown) => boolean, problem: string) => {
    if (raw[key] !== undefined && !valid(raw[key])) report(`tracking.${key}`, problem);
  };
  check('catalog', (v) => typeof v === 'boolean', 'must be true or false');
  check('sensitivePaths', (v) => isStringList(v) && v.every((path) => path.startsWith('/')), 'must be a list of paths starting with "/"');
  check('sessionReplay', (v) => v === 'off' || v === 'masked', 'must be "off" or "masked"');
  check('googleMode', (v) => v === 'basic' || v === 'advanced', 'must be "basic" or "advanced"');
  check('reloadOnWithdraw', (v) => typeof v === 'boolean', 'must be true or false');
  check('entries', Array.isArray, 'must be a list of tracker entries');
  if (Array.isArray(raw.entries)) raw.entries.forEach((item: unknown, index) => checkEntry(item, `tracking.entries[${index}]`, report));
  for (const key of Object.keys(raw)) if (!settings.includes(key)) report(`tracking.${key}`, `unknown field (expected one of ${settings.join(', ')})`);
}

const entryFields = ['service', 'category', 'patterns', 'cookies', 'markers', 'storage', 'google', 'replay'];

/** One clinic entry: a service id, a category id, lists of non-empty strings and two flags. */
function checkEntry(item: unknown, field: string, report: (field: string, problem: string) => void): void {
  if (!isObject(item)) return report(field, 'must be an object with at least a "service" id');
  const id = (value: unknown) => typeof value === 'string' && /^[a-z0-9-]+$/.test(value);
  if (!id(item.service)) report(`${field}.service`, 'needs a service id of lower-case letters, digits and dashes');
  if (item.category !== undefined && !id(item.category)) report(`${field}.category`, 'must be a category id');
  for (const key of ['patterns', 'cookies', 'markers', 'storage']) {
    if (item[key] !== undefined && !isStringList(item[key])) report(`${field}.${key}`, 'must be a list of non-empty strings');
  }
  for (const key of ['google', 'replay']) if (item[key] !== undefined && typeof item[key] !== 'boolean') report(`${field}.${key}`, 'must be true or false');
  for (const key of Object.keys(item)) if (!entryFields.includes(key)) report(`${field}.${key}`, `unknown field (expected one of ${entryFields.join(', ')})`);
}
