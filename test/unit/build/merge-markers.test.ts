// No file of the repository may keep the markers of an unresolved merge: a README once shipped with both sides of a
// conflict and its markers in the middle of the collector's production recipe. Only lines that begin with seven
// "<" or ">" and a space count (a line of seven "=" is also a Markdown heading underline).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const MARKER = /^(<{7}|>{7}) /m;

/** The tracked text files, as git lists them (binary files have no lines to mark). */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((path) => path !== '' && !/\.(png|jpe?g|gif|ico|woff2?|ttf|pdf|tgz)$/.test(path));
}

describe('merge markers', () => {
  it('are in no tracked file', () => {
    const marked = trackedFiles().filter((path) => MARKER.test(readFileSync(path, 'utf8')));
    expect(marked).toEqual([]);
  });

  it('would be found (the check can fail)', () => {
    expect(MARKER.test(['text', `${'<'.repeat(7)} HEAD`, 'ours', '='.repeat(7), 'theirs', `${'>'.repeat(7)} branch`].join('\n'))).toBe(true);
    expect(MARKER.test(['A heading', '='.repeat(7)].join('\n'))).toBe(false);
  });
});
