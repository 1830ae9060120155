// Run as root from a folder the `postgres` user cannot enter (a clone under /root, as in many containers), the
// embedded PostgreSQL used to fail with a bare `spawn …/initdb EACCES`. Now the collector stops at once with one
// line naming the folder in the way and what to do.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from '../src/db/embedded.js';
import { blockedFolder, postgresAccount, unreachableByPostgres } from '../src/db/reachable.js';

const home = mkdtempSync(join(tmpdir(), 'cc-root-home-'));
const checkout = join(home, 'clinic-consent', 'data', 'collector');
mkdirSync(checkout, { recursive: true });
chmodSync(home, 0o700);
afterAll(() => rmSync(home, { recursive: true, force: true }));

const stranger = { uid: 65_534, gids: [65_534] };

describe('folders the postgres user cannot enter', () => {
  it('finds the first folder on the way that the account may not search', () => {
    expect(blockedFolder(checkout, stranger)).toBe(home);
    expect(blockedFolder(join(checkout, 'pg', 'not-yet'), stranger), 'missing folders below are created later').toBe(home);
    expect(blockedFolder(checkout, { uid: process.getuid?.() ?? 0, gids: [] }), 'the owner may enter').toBeUndefined();
    chmodSync(home, 0o711);
    try {
      expect(blockedFolder(checkout, stranger)).toBeUndefined();
    } finally {
      chmodSync(home, 0o700);
    }
  });

  it('says why and what to do, in one line', () => {
    const reason = unreachableByPostgres([checkout], stranger);
    expect(reason).toContain(`cannot enter ${home} (mode 0700)`);
    expect(reason).toContain('DATABASE_URL');
    expect(reason).toContain(`chmod o+x ${home}`);
    expect(reason).not.toContain('\n');
  });

  it.runIf(process.getuid?.() === 0 && postgresAccount() !== undefined)('as root, the collector stops with that line instead of spawning initdb', async () => {
    const started = Date.now();
    const failure = await startEmbedded({ dataDir: checkout, notice: () => undefined }).then(
      () => new Error('started'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(new RegExp(`^run as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${home} \\(mode 0700\\)`));
    expect(failure.message).not.toContain('EACCES');
    expect(Date.now() - started, 'before any PostgreSQL process starts').toBeLessThan(5_000);
  });
});
