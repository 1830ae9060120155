// Markup gating: `<script type="text/plain" data-consent="analytics">` (inline or with src),
// `<iframe data-consent=… data-src=…>` and `<img data-consent=… data-src=…>` stay inert until
// their category (and `data-consent-service`, if given) is granted, then run once, in document order.
// Blocked embeds get a placeholder (placeholder.ts, loaded lazily) that says why and offers to allow them.
// The gate turns markup into running script, so it must not do that for markup an attacker injected
// (stored XSS that a nonce or 'strict-dynamic' CSP would otherwise leave inert): where the loader has a
// nonce, only scripts with that nonce run; `necessary` scripts need no gate and are never run by it;
// sources must be http(s).
import { restoreScript } from './guards/hold.js';

const SELECTOR = 'script[type="text/plain"][data-consent]:not([data-consent=necessary]),iframe[data-consent][data-src],img[data-consent][data-src]';

export interface GateOptions {
  isGranted(category: string, service?: string): boolean;
  /** Puts a placeholder beside a blocked embed; resolves to it, so it can be removed once allowed. */
  placeholder(element: Element): Promise<HTMLElement | null>;
}

export interface Gate {
  /** Activates every granted element not yet run, in document order. */
  refresh(): void;
}

export function startGate(options: GateOptions): Gate {
  // Read while the loader runs (a classic script); an ES module has no currentScript and checks no nonce.
  const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce;
  const claimed = new WeakSet<Element>();
  const placeholders = new WeakMap<Element, Promise<HTMLElement | null>>();
  let queue: Promise<unknown> = Promise.resolve();

  const granted = (element: Element) =>
    options.isGranted(element.getAttribute('data-consent') ?? '', element.getAttribute('data-consent-service') ?? undefined);

  const refresh = () => {
    for (const element of document.querySelectorAll(SELECTOR)) {
      if (claimed.has(element)) continue;
      if (!trusted(element, nonce)) {
        claimed.add(element);
        continue;
      }
      if (!granted(element)) {
        if (element.localName !== 'script' && !placeholders.has(element)) placeholders.set(element, options.placeholder(element));
        continue;
      }
      claimed.add(element);
      // Each element waits for the one before it, so external scripts keep the page's order.
      queue = queue.then(() => {
        if (!granted(element)) return claimed.delete(element);
        void placeholders.get(element)?.then((box) => box?.remove());
        return activate(element);
      });
    }
  };

  let scheduled = false;
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      refresh();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  return { refresh };
}

/** Whether the page itself put this element there: the loader's nonce (if it has one) and an http(s) source. */
function trusted(element: Element, nonce: string | undefined): boolean {
  const source = element.getAttribute(element.localName === 'script' ? 'src' : 'data-src');
  try {
    return (
      (!nonce || element.localName !== 'script' || (element as HTMLScriptElement).nonce === nonce) &&
      (source === null || /^https?:$/.test(new URL(source, document.baseURI).protocol))
    );
  } catch {
    // Not a URL at all: nothing to run, and nothing thrown into the page.
    return false;
  }
}

interface ScriptPolicy {
  createScript(text: string): string;
  createScriptURL(url: string): string;
}

let policy: ScriptPolicy | null | undefined;

/**
 * Under `require-trusted-types-for 'script'`, script text and URLs must come through a policy:
 * Chromium does not carry the parser's trust over to a copy. Only markup that passed `trusted` (the
 * loader's nonce, an http(s) source) gets here, so the policy adds no way in. Pages list it as
 * `trusted-types clinic-consent`.
 */
function trustedAs(kind: keyof ScriptPolicy, text: string): string {
  if (policy === undefined) {
    try {
      const factory = (window as { trustedTypes?: { createPolicy(name: string, rules: ScriptPolicy): ScriptPolicy } }).trustedTypes;
      policy = factory?.createPolicy('clinic-consent', { createScript: (source) => source, createScriptURL: (source) => source }) ?? null;
    } catch {
      // The page's CSP does not allow the policy name; the browser will refuse the script and say why.
      policy = null;
    }
  }
  return policy ? policy[kind](text) : text;
}

function activate(element: Element): Promise<unknown> {
  if (element.localName !== 'script') {
    const source = element.getAttribute('data-src') ?? '';
    element.removeAttribute('data-src');
    element.removeAttribute('hidden');
    element.setAttribute('src', source);
    return Promise.resolve();
  }
  const original = element as HTMLScriptElement;
  // A new element, not a clone: a script inserted through innerHTML is "already started", and a clone
  // keeps that mark and never runs. The nonce slot is copied below (getAttribute hides it under a header CSP).
  const script = document.createElement('script');
  for (const { name, value } of original.attributes) script.setAttribute(name, name === 'src' ? trustedAs('createScriptURL', value) : value);
  if (original.text) script.text = trustedAs('createScript', original.text);
  const finished = restoreScript(script, original.getAttribute('data-type'));
  script.nonce = original.nonce;
  if (!original.hasAttribute('async')) script.async = false;
  original.replaceWith(script);
  return finished;
}
