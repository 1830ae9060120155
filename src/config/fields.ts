// The config check's vocabulary: small checks of one field each, which report a wrong value by its path
// in one message style ("categories.marketing.services[1].country: expected …, got …") and combine into
// the tables of check.ts and tracking.ts. Only the lazily loaded config check bundles this.
import { LIMITS, matches } from '../../schema/shapes.js';

export type Map_ = Record<string, unknown>;

/** What one run of the check shares: where problems go, the whole config, and the service ids seen so far. */
export interface Context {
  report(path: string, expected: string, got: unknown): void;
  unknownField(path: string, known: readonly string[]): void;
  readonly root: Map_;
  readonly serviceIds: Set<string>;
}

/** Checks a value that is present (or absent but required); reports through the context, never throws. */
export type Check = (value: unknown, path: string, context: Context) => void;

export const isMap = (value: unknown): value is Map_ => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A nested field's path: root fields bare ("siteId"), others by their parent ("ui.theme"). */
export const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** A non-empty string of at most `max` characters. */
export const text =
  (max: number = LIMITS.text): Check =>
  (value, path, { report }) => {
    if (typeof value !== 'string' || value.trim() === '') report(path, 'a non-empty string', value);
    else if (value.length > max) report(path, `at most ${max} characters`, value);
  };

/** A string matching one of schema/shapes.ts's patterns. */
export const pattern =
  (source: string, expected: string, max?: number): Check =>
  (value, path, { report }) => {
    if (!matches(source, value, max)) report(path, expected, value);
  };

export const bool: Check = (value, path, { report }) => {
  if (typeof value !== 'boolean') report(path, 'true or false', value);
};

export const oneOf =
  (...values: readonly string[]): Check =>
  (value, path, { report }) => {
    if (!values.includes(value as string)) report(path, `one of ${values.map((entry) => JSON.stringify(entry)).join(', ')}`, value);
  };

export const integer =
  (min: number, max: number): Check =>
  (value, path, { report }) => {
    if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) report(path, `a whole number from ${min} to ${max}`, value);
  };

/** A string, or an object of strings by language; each language's text at most `max` characters. */
export const localized =
  (max: number = LIMITS.text): Check =>
  (value, path, { report }) => {
    const texts = typeof value === 'string' && value.trim() !== '' ? [value] : isMap(value) ? Object.values(value) : null;
    if (!texts || !texts.every((entry) => typeof entry === 'string')) report(path, 'a string, or an object of strings by language such as {"ko": "…", "en": "…"}', value);
    else if (texts.some((entry) => (entry as string).length > max)) report(path, `at most ${max} characters in each language`, value);
  };

// A relative URL is made absolute against the page's own; in Node (tests) against a stand-in.
const pageBase = (): string => (typeof location === 'undefined' ? 'https://clinic.example/' : location.href);

/** An http(s) URL or a path starting with "/", short enough for a receipt once made absolute. */
export const url: Check = (value, path, { report }) => {
  if (typeof value !== 'string' || !/^(https?:\/\/[^\s/]+|\/)\S*$/i.test(value) || !URL.canParse(value, pageBase())) {
    report(path, 'an http(s) URL or a path starting with /', value);
  } else if (new URL(value, pageBase()).href.length > LIMITS.policyUrl) report(path, `a URL of at most ${LIMITS.policyUrl} characters`, value);
};

/** A list whose entries each pass `item`; `min` entries at least, `max` at most. */
export const list =
  (item: Check, min = 0, max = Infinity): Check =>
  (value, path, context) => {
    if (!Array.isArray(value)) return context.report(path, 'a list', value);
    if (value.length < min) context.report(path, `at least ${min} ${min === 1 ? 'entry' : 'entries'}`, value);
    if (value.length > max) context.report(path, `at most ${max} entries`, value);
    value.forEach((entry, index) => item(entry, `${path}[${index}]`, context));
  };

/** A list of non-empty strings, each passing `item` if given. */
export const strings = (item: Check = text()): Check => list(item);

/** Runs `then` only when `first` found nothing wrong, so one field gets one message. */
export const both =
  (first: Check, then: Check): Check =>
  (value, path, context) => {
    let wrong = false;
    first(value, path, { ...context, report: (...problem) => ((wrong = true), context.report(...problem)) });
    if (!wrong) then(value, path, context);
  };

/**
 * An object with exactly the fields of a table: each present field (and each required one, present or
 * not) is checked in table order, after any unknown field is named.
 */
export const object =
  (fields: Readonly<Record<string, Check>>, required: readonly string[] = []): Check =>
  (value, path, context) => {
    if (!isMap(value)) return context.report(path || 'config', 'an object', value);
    const known = Object.keys(fields);
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) context.unknownField(join(path, key), known);
    }
    for (const key of known) {
      if (value[key] !== undefined || required.includes(key)) fields[key]?.(value[key], join(path, key), context);
    }
  };

/** An object of any keys, each key passing `key` and each value passing `entry`. */
export const map =
  (key: Check | null, entry: Check): Check =>
  (value, path, context) => {
    if (!isMap(value)) return context.report(path, 'an object', value);
    for (const [name, item] of Object.entries(value)) {
      key?.(name, join(path, name), context);
      entry(item, join(path, name), context);
    }
  };

/** Shortens a wrong value for a message: `got "Korea"`, `got nothing`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value) ?? typeof value;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
