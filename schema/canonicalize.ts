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

function serializeString(value: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalizeError('string contains a lone surrogate');
  // JSON.stringify escapes exactly the set RFC 8785 section 3.2.2.2 asks for (ES2019 well-formed stringify).
  return JSON.stringify(value);
}

function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new CanonicalizeError('number is not finite');
  // RFC 8785 section 3.2.2.3 adopts the ECMAScript Number-to-String algorithm, which is what String() does; -0 is "0".
  return Object.is(value, -0) ? '0' : String(value);
}

// RFC 8785 section 3.2.3: property names sorted by their UTF-16 code units, which is JavaScript's default string
// comparison (not localeCompare).
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => serialize(item, depth + 1)).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalizeError('only plain objects can be canonicalized');
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort(compareUtf16);
      const members: string[] = [];
      for (const key of keys) {
        const member = record[key];
        // JSON has no undefined; dropping it silently would hash something the sender never sent.
        if (member === undefined) throw new CanonicalizeError(`property "${key}" is undefined`);
        members.push(`${serializeString(key)}:${serialize(member, depth + 1)}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalizeError(`a ${typeof value} is not JSON`);
  }
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
  return canonicalize(Object.fromEntries(Object.entries(receipt).filter(([key]) => key !== 'hash' && key !== 'texts' && key !== 'signature')));
}

/** The canonical text a version-1 acknowledgment's Ed25519 `signature` is computed over: the ack without `signature`. */
export function ackSigningInput(ack: Readonly<Record<string, unknown>>): string {
  return canonicalize(Object.fromEntries(Object.entries(ack).filter(([key]) => key !== 'signature')));
}

/**
 * The canonical text of a version-2 acknowledgment's Merkle leaf: the ack without `signature` and `batch` (which
 * sign and place the leaf; they cannot be inside it).
 */
export function ackLeafInput(ack: Readonly<Record<string, unknown>>): string {
  return canonicalize(Object.fromEntries(Object.entries(ack).filter(([key]) => key !== 'signature' && key !== 'batch')));
}
