// A package as its user gets it: `npm pack`, then installed from the tarball into an empty temporary project,
// with no network. npm's cache holds tarballs but not the registry's metadata, so the package's dependencies are
// linked from the repository's own install, exactly as pinned in the lockfile.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const repo = resolve(import.meta.dirname, '../..');

export interface PackOptions {
  /** The workspace to pack (`collector`); the root package when absent. */
  readonly workspace?: string;
  /** Packages to link from the repository's node_modules: the package's dependencies, as a registry install would bring them. */
  readonly dependencies: readonly string[];
  /** The temporary project's name prefix. */
  readonly prefix: string;
}

export interface InstalledPackage {
  /** The temporary project, holding node_modules, package.json and the tarball. */
  readonly project: string;
  /** The installed package's folder, node_modules/<name>. */
  readonly installed: string;
}

export async function packAndInstall(options: PackOptions): Promise<InstalledPackage> {
  const project = await mkdtemp(join(tmpdir(), options.prefix));
  const workspace = options.workspace ? ['--workspace', options.workspace] : [];
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', ...workspace, '--pack-destination', project], { cwd: repo });
  const [{ name, filename }] = JSON.parse(stdout) as [{ name: string; filename: string }];
  const dependencies = Object.fromEntries(options.dependencies.map((dependency) => [dependency, `file:${join(repo, 'node_modules', dependency)}`]));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'clinic-site', version: '1.0.0', private: true, dependencies }));
  await run('npm', ['install', '--offline', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', join(project, filename)], { cwd: project });
  return { project, installed: join(project, 'node_modules', name) };
}
