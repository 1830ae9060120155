/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one function the SDK and the collector both use to turn a
 * receipt into the exact bytes that get hashed and signed. Pure and dependency-free (no DOM, no Node APIs), so the
 * browser bundle and the server import this same file.
 */

/** A JSON value as `JSON.parse` produces it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Thrown for input that has no canonical form (RFC 8785 requires I-JSON, RFC 7493). */
export class CanonicalizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalizeError';
  }
}

// I-JSON forbids lone surrogates; JSON.parse accepts them ("\ud800"), so they must be caught here or two parties
// could hash different replacement characters.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// A string without quote, backslash, control character or surrogate is its own JSON text between quotes. Almost every
// string of a receipt is one (ids, hashes, times, Hangul purposes): one test instead of the surrogate check and a
// JSON.stringify call, about a third of a receipt's canonical form in the collector.
// eslint-disable-next-line no-control-regex -- the control characters are the ones JSON must escape
const PLAIN = /^[^"\\\u0000-\u001F\uD800-\uDFFF]*$/;

function serializeString(value: string): string {
  if (PLAIN.test(value)) return `"${value}"`;
  if (LONE_SURROGATE.test(value)) throw new CanonicalizeError('string contains a lone surrogate');
  // JSON.stringify escapes exactly the set RFC 8785 section 3.2.2.2 asks for (ES2019 well-formed stringify).
  return JSON.stringify(value);
}

function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new CanonicalizeError('number is not finite');
  // RFC 8785 section 3.2.2.3 adopts the ECMAScript Number-to-String algorithm, which is what String() does; -0 is "0".
  return Object.is(value, -0) ? '0' : String(value);
}

function serialize(value: unknown, depth: number): string {
  if (depth > 64) throw new CanonicalizeError('nesting deeper than 64 levels');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serializeNumber(value);
    case 'string':
      return serializeString(value);
    case 'object':
      return Array.isArray(value) ? serializeArray(value, depth) : serializeObject(value, depth);
    default:
      throw new CanonicalizeError(`a ${typeof value} is not JSON`);
  }
}

// Built by concatenation, not map/join: the collector canonicalizes every receipt it stores, and this is the
// cheaper of the two in V8 for the small arrays and objects of a receipt.
function serializeArray(items: readonly unknown[], depth: number): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) text += (i === 0 ? '' : ',') + serialize(items[i], depth + 1);
  return `${text}]`;
}

/** An object's members; `omit` names top-level members left out of a signing input (`hash`, `signature`, ...). */
function serializeObject(value: object, depth: number, omit?: ReadonlySet<string>): string {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new CanonicalizeError('only plain objects can be canonicalized');
  const record = value as Record<string, unknown>;
  // RFC 8785 section 3.2.3: property names sorted by their UTF-16 code units, which is exactly the order of
  // Array.prototype.sort without a comparator (not localeCompare).
  const keys = Object.keys(record).sort();
  let text = '';
  for (const key of keys) {
    if (omit?.has(key)) continue;
    const member = record[key];
    // JSON has no undefined; dropping it silently would hash something the sender never sent.
    if (member === undefined) throw new CanonicalizeError(`property "${key}" is undefined`);
    text += `,${serializeString(key)}:${serialize(member, depth + 1)}`;
  }
  return `{${text.slice(1)}}`;
}

/** The RFC 8785 canonical JSON text of `value`. Hash or sign its UTF-8 encoding (`new TextEncoder().encode(...)`). */
export function canonicalize(value: unknown): string {
  return serialize(value, 0);
}

/**
 * The canonical text a receipt's `hash` is computed over: the receipt without its `hash` and `texts` members (and,
 * in version 2, `signature`, which signs this same text). `texts` is left out because it is attached only when the
 * collector lacks them; `textHash` already binds them.
 */
export function receiptHashInput(receipt: Readonly<Record<string, unknown>>): string {
  return serializeObject(receipt, 0, RECEIPT_UNHASHED);
}
const RECEIPT_UNHASHED: ReadonlySet<string> = new Set(['hash', 'texts', 'signature']);

/** The canonical text a version-1 acknowledgment's Ed25519 `signature` is computed over: the ack without `signature`. */
export function ackSigningInput(ack: Readonly<Record<string, unknown>>): string {
  return serializeObject(ack, 0, ACK_UNSIGNED);
}
const ACK_UNSIGNED: ReadonlySet<string> = new Set(['signature']);

/**
 * The canonical text of a version-2 acknowledgment's Merkle leaf: the ack without `signature` and `batch` (which
 * sign and place the leaf; they cannot be inside it).
 */
export function ackLeafInput(ack: Readonly<Record<string, unknown>>): string {
  return serializeObject(ack, 0, ACK_LEAF_OMITS);
}
const ACK_LEAF_OMITS: ReadonlySet<string> = new Set(['signature', 'batch']);
