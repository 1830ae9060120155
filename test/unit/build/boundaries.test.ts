// Each part keeps to its room (issue 12): the config part reads and checks configuration and imports
// nothing from the blockers; the loader imports nothing from the lazily loaded Lit UI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../../src/', import.meta.url));

/** The relative imports (static, type-only included) of every module under `folder`, as "file -> target". */
function importsOf(folder: string): string[] {
  const files = readdirSync(join(src, folder), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files.flatMap((file) =>
    [...readFileSync(join(src, folder, file), 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s*'(\.[^']+)'/gm)].map((match) => `${folder}/${file} -> ${match[1]}`),
  );
}

describe('part boundaries', () => {
  it('sees the imports it checks', () => {
    expect(importsOf('loader').some((line) => line.includes('../config/'))).toBe(true);
  });

  it('config/ imports nothing from blockers/', () => {
    expect(importsOf('config').filter((line) => line.includes('/blockers/'))).toEqual([]);
  });

  it('the loader imports nothing from ui/', () => {
    expect(importsOf('loader').filter((line) => line.includes('/ui/'))).toEqual([]);
  });
});
