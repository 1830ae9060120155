/**
 * The shared JSON schemas from the repository's schema/ folder (one source for the SDK and the collector),
 * read once when the first app is built, never at import time, and the Ajv options Fastify validates them with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SIGNED_RECEIPT_SCHEMA } from '../../schema/device.js';

const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

type JsonSchema = Record<string, unknown>;

export interface SharedSchemas {
  /** Both receipt versions, to be added to the validator: the body schema refers to them by $id. */
  readonly receiptVersions: readonly JsonSchema[];
  /** Validates a version-2 body against version 2 and anything else against version 1. */
  readonly receipt: JsonSchema;
  readonly impression: JsonSchema;
  readonly leak: JsonSchema;
}

let loaded: SharedSchemas | undefined;

function load(name: string): JsonSchema {
  return JSON.parse(readFileSync(`${SCHEMA_DIR}${name}`, 'utf8')) as JsonSchema;
}

export function sharedSchemas(): SharedSchemas {
  if (!loaded) {
    const [v1, v2] = [load('receipt.v1.schema.json'), load('receipt.v2.schema.json')];
    const receipt = {
      if: { type: 'object', required: ['schema'], properties: { schema: { const: SIGNED_RECEIPT_SCHEMA } } },
      then: { $ref: v2['$id'] },
      else: { $ref: v1['$id'] },
    };
    loaded = { receiptVersions: [v1, v2], receipt, impression: load('impression.v1.schema.json'), leak: load('leak.v1.schema.json') };
  }
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
