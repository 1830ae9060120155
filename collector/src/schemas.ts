/**
 * Loads the shared JSON schemas from the repository's schema/ folder (one source for the SDK and the collector)
 * and prepares them for Fastify's Ajv, which must reject unknown fields rather than strip them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

function load(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${SCHEMA_DIR}${name}`, 'utf8')) as Record<string, unknown>;
}

export const receiptSchema = load('receipt.v1.schema.json');
export const impressionSchema = load('impression.v1.schema.json');
export const ackSchema = load('ack.v1.schema.json');

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
