// Serialises work across the site's open tabs with the Web Locks API. Where it is missing (plain-http
// pages: it is secure-context only) work is serialised within this tab only, and the callers rely on
// their IndexedDB compare-and-swap (chain head, send lease) across tabs. Imports nothing.

const queues = new Map<string, Promise<unknown>>();

/** Runs `work` holding the lock `name`: exclusive across tabs with Web Locks, within this tab without. */
export function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (navigator as { locks?: LockManager }).locks;
  // Typed as resolving to the callback's own promise; at run time it resolves to what that promise does.
  if (locks) return locks.request(name, work) as unknown as Promise<T>;
  const run = (queues.get(name) ?? Promise.resolve()).then(work, work);
  queues.set(
    name,
    run.catch(() => undefined),
  );
  return run;
}

/** Whether locks hold across tabs here; without them, callers add their own cross-tab guard. */
export const crossTabLocks = (): boolean => Boolean((navigator as { locks?: LockManager }).locks);
