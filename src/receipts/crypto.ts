// The two primitives a receipt needs, working on plain-http pages too: SHA-256 as lower-case hex
// (`crypto.subtle` where the page is a secure context, else the bundled sha256.ts) and random
// UUIDs (`crypto.randomUUID`, else `crypto.getRandomValues`). No DOM, no storage.
import { randomId } from '../consent/id.js';
import { sha256 } from './sha256.js';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  // `subtle` is undefined outside secure contexts (https, localhost, 127.0.0.1), e.g. http://clinic.example.
  const subtle = globalThis.crypto.subtle as SubtleCrypto | undefined;
  return hex(subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes)) : sha256(bytes));
}

/** A random lower-case version-4 UUID. */
export function uuid(): string {
  // randomUUID is secure-context only as well; randomId builds the same format from getRandomValues.
  return typeof globalThis.crypto.randomUUID === 'function' ? globalThis.crypto.randomUUID() : randomId();
}
