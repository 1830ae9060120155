// A time limit for IndexedDB requests: an open that neither succeeds nor fails (seen with blocked
// upgrades) must not keep the page, or a receipt, waiting for ever.

const TIMEOUT_MS = 2000;

/** `promise`, or a rejection once TIMEOUT_MS have passed without it settling. */
export function timed<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB timed out')), TIMEOUT_MS);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
