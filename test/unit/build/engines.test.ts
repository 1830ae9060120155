// These machines and CI run Node 20: every package in the lockfile must accept the lowest Node our own
// `engines` field allows (npm only warns on EBADENGINE, so nothing else would notice a package that needs
// Node 22 creeping in with an update; one did: `cookie` 2, at run time, through Fastify's light-my-request).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

type Version = [number, number, number];

const parse = (text: string): { version: Version; parts: number } => {
  const match = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:-[\w.]+)?$/.exec(text);
  if (!match) throw new Error(`cannot read the version "${text}"`);
  const numbers = match.slice(1).filter((part) => part !== undefined && /^\d+$/.test(part)).map(Number);
  return { version: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0], parts: numbers.length };
};
const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` satisfies one comparator of a node-semver range (the forms engines fields use). */
function comparator(version: Version, text: string): boolean {
  if (text === '*' || text === 'x') return true;
  const match = /^(>=|<=|>|<|=|\^|~)?(.+)$/.exec(text);
  if (!match) throw new Error(`cannot read the range part "${text}"`);
  const [, operator = '', rest = ''] = match;
  const { version: bound, parts } = parse(rest);
  const order = compare(version, bound);
  // The first version past a partial or caret/tilde range: "20" and "^20.19" end before 21, "~20.19" before 20.20.
  const next: Version =
    operator === '~' && parts > 1 ? [bound[0], bound[1] + 1, 0] : parts === 2 && operator === '' ? [bound[0], bound[1] + 1, 0] : [bound[0] + 1, 0, 0];
  switch (operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '^':
    case '~':
      return order >= 0 && compare(version, next) < 0;
    default:
      return parts === 3 ? order === 0 : order >= 0 && compare(version, next) < 0;
  }
}

/** node-semver's `satisfies` for the range forms engines fields use; throws on anything else, so nothing is skipped. */
export function satisfies(version: string, range: string): boolean {
  const wanted = parse(version).version;
  return range.split('||').some((alternative) => {
    const parts = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    if (parts.length === 3 && parts[1] === '-') return comparator(wanted, `>=${parts[0]}`) && comparator(wanted, `<=${parts[2]}`);
    return parts.every((part) => comparator(wanted, part));
  });
}

describe('Node 20', () => {
  it('reads ranges the way npm does', () => {
    expect(satisfies('20.19.0', '>=20.11')).toBe(true);
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '^18.18.0 || ^20.9.0 || >=21.1.0')).toBe(true);
    expect(satisfies('20.11.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.19.0', '>= 20.19.0')).toBe(true);
    expect(satisfies('20.19.0', '>=14 <20')).toBe(false);
    expect(satisfies('20.19.0', '~20.18.0')).toBe(false);
    expect(() => satisfies('20.19.0', 'node20')).toThrow(/cannot read/);
  });

  it("every package in the lockfile runs on the lowest Node our engines field allows", async () => {
    const lock = JSON.parse(await readFile(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { engines?: Record<string, string> | string[] }>;
    };
    const ours = lock.packages['']?.engines as Record<string, string>;
    const lowest = /^>=\s*(\d+\.\d+(?:\.\d+)?)$/.exec(ours.node ?? '')?.[1];
    expect(lowest, 'engines.node is a plain lower bound').toBeDefined();
    expect(lowest?.startsWith('20.'), 'Node 20 is what these machines and CI run').toBe(true);
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => !Array.isArray(entry.engines) && typeof entry.engines?.node === 'string')
      .filter(([, entry]) => !satisfies(lowest!, (entry.engines as Record<string, string>).node!))
      .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')} needs Node ${(entry.engines as Record<string, string>).node}`);
    expect(refused).toEqual([]);
  });
});
