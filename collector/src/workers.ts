/**
 * Several collector processes on one machine, sharing one listening port (node:cluster): the primary starts
 * `count` workers of the entry it runs in, restarts one that dies, and stops them all on shutdown. Each worker is
 * a whole collector (its own event loop, pool, writer and jobs), so HTTP, hashing and signing can use more cores
 * than one; they are the stateless instances of "Several instances" in the README, behind the kernel instead of a
 * load balancer. (What it gains where PostgreSQL shares the cores: collector README, "Scale path".)
 *
 * The primary accepts the connections and hands each to the next worker in turn; it parses no request. Keep-alive
 * connections stay with the worker that got them.
 */
import cluster, { type Worker } from 'node:cluster';

export interface WorkersOptions {
  readonly count: number;
  /** Extra environment for every worker (e.g. the database URL of an embedded cluster the primary started). */
  readonly env?: Readonly<Record<string, string>>;
  /** Messages for the operator: a worker that died and its replacement. */
  readonly log?: (line: string) => void;
  /** Called once the workers keep dying right after they start; they have all been stopped by then. */
  readonly onGiveUp?: (error: Error) => void;
}

export interface RunningWorkers {
  /** The port the workers listen on (the same for all). */
  readonly port: number;
  /** Process ids of the workers running now. */
  pids(): number[];
  /** Stops every worker (SIGTERM: each finishes its requests and jobs) and resolves when all have exited. */
  close(): Promise<void>;
}

/** A worker that dies this soon after it started, again and again, has a fault a restart will not mend. */
const EARLY_DEATH_MS = 10_000;
const EARLY_DEATHS_ALLOWED = 3;

/**
 * Starts the workers from the primary; resolves once all of them listen, rejects if one exits before it does
 * (a wrong configuration fails every worker the same way, so it is reported instead of retried).
 */
export function startWorkers(options: WorkersOptions): Promise<RunningWorkers> {
  if (!cluster.isPrimary) throw new Error('startWorkers runs in the primary process only');
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error(`workers: expected a whole number of at least 1, got ${options.count}`);
  const log = options.log ?? ((line: string) => console.error(line));
  /** Live workers and when each started. */
  const workers = new Map<Worker, number>();
  let closing: Promise<void> | undefined;
  let earlyDeaths = 0;

  const fork = (): Worker => {
    const worker = cluster.fork({ ...options.env });
    workers.set(worker, Date.now());
    return worker;
  };

  return new Promise((resolve, reject) => {
    let port: number | undefined;
    let listening = 0;
    const starting = new Set<Worker>();

    const stopAll = (): Promise<void> =>
      (closing ??= Promise.all(
        [...workers.keys()].map(
          (worker) =>
            new Promise<void>((exited) => {
              if (worker.isDead()) {
                exited();
                return;
              }
              worker.once('exit', () => exited());
              worker.process.kill('SIGTERM');
            }),
        ),
      ).then(() => undefined));

    const running: RunningWorkers = {
      get port() {
        return port ?? 0;
      },
      pids: () => [...workers.keys()].filter((worker) => !worker.isDead()).map((worker) => worker.process.pid ?? 0),
      close: stopAll,
    };

    cluster.on('listening', (worker, address) => {
      if (!starting.delete(worker)) return;
      port ??= address.port;
      listening += 1;
      if (listening === options.count) resolve(running);
    });

    cluster.on('exit', (worker, code, signal) => {
      const startedAt = workers.get(worker) ?? 0;
      workers.delete(worker);
      if (closing) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (starting.delete(worker)) {
        // Before it listened: the configuration or the database, which a new worker would meet again.
        void stopAll().then(() => reject(new Error(`a collector worker exited with ${how} before it listened; see its messages above`)));
        return;
      }
      earlyDeaths = Date.now() - startedAt < EARLY_DEATH_MS ? earlyDeaths + 1 : 0;
      if (earlyDeaths > EARLY_DEATHS_ALLOWED) {
        const error = new Error(`collector workers keep exiting within ${EARLY_DEATH_MS / 1000} s of their start (the last with ${how}); stopped them all`);
        void stopAll().then(() => options.onGiveUp?.(error));
        return;
      }
      log(`collector worker ${worker.process.pid ?? '?'} exited with ${how}; starting another`);
      fork();
    });

    for (let i = 0; i < options.count; i++) starting.add(fork());
  });
}
