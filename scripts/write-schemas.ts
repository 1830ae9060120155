// Writes the published JSON schemas from schema/documents.ts (`npm run schemas`). A file whose content
// already equals its document is left as it is, so its hand-kept layout survives.
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { configSchema, impressionSchema, leakSchema, receiptSchema, receiptV2Schema } from '../schema/documents.js';

const files = { 'receipt.v1.schema.json': receiptSchema, 'receipt.v2.schema.json': receiptV2Schema, 'impression.v1.schema.json': impressionSchema, 'leak.v1.schema.json': leakSchema, 'config.schema.json': configSchema };

for (const [name, document] of Object.entries(files)) {
  const path = new URL(`../schema/${name}`, import.meta.url);
  let current: unknown;
  try {
    current = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    current = undefined;
  }
  if (isDeepStrictEqual(current, document)) continue;
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote schema/${name}`);
}
