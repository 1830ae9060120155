// The cookie guard: a write of a catalog cookie (`_ga`, `_fbp`, `NA_SA`, …) whose category may not
// run now is dropped, through `document.cookie` and the Cookie Store API alike. Deletions always
// pass, so trackers and the SDK can still clean up. Other cookies are never touched.
import { patch } from './elements.js';
import type { Policy } from './policy.js';

/** Whether a cookie line removes its cookie (an expiry in the past) rather than setting it. */
export const isDeletion = (cookie: string) => {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(cookie);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]+)/i.exec(cookie);
  return !!expires && Date.parse(expires[1] as string) <= Date.now();
};

/** Whether this `document.cookie` string must be dropped now. */
export function cookieBlocked(policy: Policy, cookie: string): boolean {
  try {
    const name = cookie.slice(0, cookie.search(/[=;]|$/)).trim();
    const entry = policy.match.cookie(name);
    return !!entry && !policy.allows(entry) && !isDeletion(cookie);
  } catch {
    return false;
  }
}

export function installCookieGuard(w: Window & typeof globalThis, policy: Policy): void {
  const proto = w.Document.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'cookie');
  if (descriptor?.set) {
    const set = descriptor.set;
    Object.defineProperty(proto, 'cookie', {
      ...descriptor,
      set(this: Document, value: unknown) {
        if (!cookieBlocked(policy, String(value))) set.call(this, value);
      },
    });
  }
  // cookieStore.set(name, value) or cookieStore.set({ name, value, expires }).
  const store = (w as unknown as { CookieStore?: { prototype: object } }).CookieStore;
  patch(store?.prototype, 'set', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const options = args[0] as { name?: string; expires?: number } | string;
      const name = typeof options === 'string' ? options : String(options?.name);
      const expired = typeof options === 'object' && options?.expires != null && options.expires <= Date.now();
      if (!expired && cookieBlocked(policy, `${name}=`)) return Promise.resolve();
      return original.apply(this, args);
    },
  );
}
