// Network guards: fetch, XMLHttpRequest, navigator.sendBeacon and WebSocket messages to a tracker
// that may not run now are dropped (never queued: data collected before consent must not leave
// later). The page's own and unknown requests pass straight through to the original function.
import { patch } from './elements.js';
import type { Policy } from './policy.js';

export function installNetworkGuards(w: Window & typeof globalThis, policy: Policy): void {
  const { blocks } = policy;

  patch(w, 'fetch', (original) =>
    function (this: unknown, ...args: unknown[]) {
      // A quiet empty answer: a rejection would surface as an error in the tracker or the page.
      if (blocks(args[0])) return Promise.resolve(new w.Response(null, { status: 204 }));
      return original.apply(this, args);
    },
  );

  // "Queued" as far as the caller knows, so trackers do not fall back to an image or XHR.
  patch(w.Navigator.prototype, 'sendBeacon', (original) =>
    function (this: unknown, ...args: unknown[]) {
      return blocks(args[0]) ? true : original.apply(this, args);
    },
  );

  const urls = new WeakMap<object, unknown>();
  const xhr = w.XMLHttpRequest.prototype;
  patch(xhr, 'open', (original) =>
    function (this: object, ...args: unknown[]) {
      urls.set(this, args[1]);
      return original.apply(this, args);
    },
  );
  // Checked at send, not open: a withdrawal in between still stops it.
  patch(xhr, 'send', (original) =>
    function (this: object, ...args: unknown[]) {
      return blocks(urls.get(this)) ? undefined : original.apply(this, args);
    },
  );

  patch(w.WebSocket?.prototype, 'send', (original) =>
    function (this: WebSocket, ...args: unknown[]) {
      if (!blocks(this.url)) return original.apply(this, args);
      // A replay tool streaming over a socket is closed for good once its category is withdrawn.
      this.close();
      return undefined;
    },
  );
}
