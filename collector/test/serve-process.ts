// A collector run as an operator runs it: a process of its own started by a command, ready once it prints where it
// listens, stopped the way systemd and Docker stop it (SIGTERM). Shared by the package and multi-process tests.
import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';

export type Server = ChildProcessByStdio<null, Readable, Readable>;

export interface Served {
  readonly server: Server;
  readonly url: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/** Starts `command args` and resolves with its URL once it says `listening on …`; rejects if it exits first. */
export function serveProcess(command: string, args: readonly string[], options: Pick<SpawnOptions, 'cwd' | 'env'>): Promise<Served> {
  const server = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  server.stdout.on('data', collect);
  server.stderr.on('data', collect);
  return new Promise((resolve, reject) => {
    server.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ server, url: match[1], output: () => output });
    });
    server.once('exit', (code) => reject(new Error(`the collector exited with ${code}:\n${output}`)));
  });
}

/** Stops a server with SIGTERM and resolves its exit code. */
export function stopProcess(server: Server): Promise<number | null> {
  if (server.exitCode !== null) return Promise.resolve(server.exitCode);
  return new Promise((resolve) => {
    server.once('exit', (code) => resolve(code));
    server.kill('SIGTERM');
  });
}
