/**
 * The shared JSON schemas from the repository's schema/ folder (one source for the SDK and the collector),
 * read once when the first app is built, never at import time, and the Ajv options Fastify validates them with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

type JsonSchema = Record<string, unknown>;

export interface SharedSchemas {
  readonly receipt: JsonSchema;
  readonly impression: JsonSchema;
}

let loaded: SharedSchemas | undefined;

function load(name: string): JsonSchema {
  return JSON.parse(readFileSync(`${SCHEMA_DIR}${name}`, 'utf8')) as JsonSchema;
}

export function sharedSchemas(): SharedSchemas {
  loaded ??= { receipt: load('receipt.v1.schema.json'), impression: load('impression.v1.schema.json') };
  return loaded;
}

/**
 * Fastify's default Ajv options strip unknown properties and coerce types; either would make the collector hash
 * something other than what the browser hashed, so both are off.
 */
export const AJV_OPTIONS = {
  removeAdditional: false,
  coerceTypes: false,
  useDefaults: false,
  allErrors: false,
} as const;
