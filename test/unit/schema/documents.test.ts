import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, impressionSchema, leakSchema, receiptSchema, receiptV2Schema } from '../../../schema/documents.js';

const published = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../schema/${name}`, import.meta.url), 'utf8'));

describe('the published JSON schemas', () => {
  // schema/shapes.ts is the one source; the files are what editors and other tools read. `npm run schemas` rewrites them.
  it.each([
    ['receipt.v1.schema.json', receiptSchema],
    ['receipt.v2.schema.json', receiptV2Schema],
    ['impression.v1.schema.json', impressionSchema],
    ['leak.v1.schema.json', leakSchema],
    ['config.schema.json', configSchema],
  ])('%s is the document schema/documents.ts builds from schema/shapes.ts', (name, document) => {
    expect(published(name)).toEqual(document);
  });

  it('ship with the package', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
  });
});
