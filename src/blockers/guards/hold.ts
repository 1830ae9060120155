// Holds tracker scripts and iframes that may not run yet, and releases them in the order they would
// have run once their category is granted, without a reload. A held script has its type swapped to
// text/plain before the browser prepares it, so it is never fetched for execution or run; it was
// never "already started", so moving the same element back into place later runs it, keeping its
// onload handlers, its nonce slot and its Trusted-Types-checked text
// (https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element).
import type { TrackerEntry } from '../../config/tracking.js';
import type { Policy } from './policy.js';

/** Marks a held element (and its original type) for debugging and for document.write rewrites. */
export const HOLD_ATTR = 'data-cc-held';

interface Held {
  readonly el: HTMLScriptElement | HTMLIFrameElement;
  readonly entry: TrackerEntry;
  /** The iframe's intended src. */
  readonly src?: string;
}

export interface Holder {
  /** Checks a script about to be inserted, set a src, or added by the parser; holds it when blocked. */
  script(el: HTMLScriptElement): void;
  /** Holds a connected script whose tracker src is about to be set. */
  hold(el: HTMLScriptElement, entry: TrackerEntry): void;
  /** Holds an iframe navigation to `src`. */
  frame(el: HTMLIFrameElement, src: string, entry: TrackerEntry): void;
  /** Runs every held item whose category is now granted, in order. */
  release(): void;
}

/**
 * Makes a script runnable again with its original `type` (none when empty), and returns a promise
 * that settles once it has loaded or failed: at once for an inline script, after 10 s at most, so a
 * load that never settles does not hold back the scripts after it for ever. Markup gating shares it.
 */
export function restoreScript(el: HTMLScriptElement, type: string | null): Promise<unknown> {
  if (type) el.setAttribute('type', type);
  else el.removeAttribute('type');
  return new Promise((resolve) => {
    if (!el.hasAttribute('src')) return resolve(undefined);
    el.addEventListener('load', resolve, { once: true });
    el.addEventListener('error', resolve, { once: true });
    setTimeout(resolve, 10_000);
  });
}

const isRunnable = (type: string | null) => !type || /^(module|(text|application)\/(x-)?(java|ecma)script)$/i.test(type.trim());

export function createHolder(policy: Policy, insertBefore: Node['insertBefore']): Holder {
  const queue: Held[] = [];
  // Held once: a script checked and let through may be checked again (its text may still grow).
  const seen = new WeakSet<Element>();
  let running = false;
  let again = false;

  const script = (el: HTMLScriptElement) => {
    if (seen.has(el)) return;
    const src = el.getAttribute('src');
    if (!src && !el.text) return;
    if (!isRunnable(el.getAttribute('type')) && !el.hasAttribute(HOLD_ATTR)) return;
    let entry: TrackerEntry | undefined;
    try {
      entry = src ? policy.match.url(el.src) : policy.match.inline(el.text, (name) => name in window);
    } catch {
      entry = undefined;
    }
    if (entry && !policy.allows(entry)) hold(el, entry);
  };

  const hold = (el: HTMLScriptElement, entry: TrackerEntry) => {
    if (seen.has(el)) return;
    if (!el.hasAttribute(HOLD_ATTR)) el.setAttribute(HOLD_ATTR, el.getAttribute('type') ?? '');
    el.type = 'text/plain';
    seen.add(el);
    queue.push({ el, entry });
  };

  const run = ({ el, src }: Held): Promise<unknown> | undefined => {
    if (src !== undefined) {
      (el as HTMLIFrameElement).src = src;
      return;
    }
    const parent = el.parentNode;
    if (!parent) return;
    const done = restoreScript(el as HTMLScriptElement, el.getAttribute(HOLD_ATTR));
    el.removeAttribute(HOLD_ATTR);
    // Re-inserting the never-started element makes the browser prepare it again, now runnable.
    insertBefore.call(parent, el, el.nextSibling);
    return done;
  };

  const release = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (let i = 0; i < queue.length; ) {
          const held = queue[i] as Held;
          if (!policy.allows(held.entry)) {
            i++;
            continue;
          }
          queue.splice(i, 1);
          try {
            await run(held);
          } catch {
            // A tracker that fails to start is the tracker's problem, never the page's.
          }
        }
      } while (again);
    } finally {
      running = false;
    }
  };

  return {
    script,
    hold,
    frame: (el, src, entry) => void queue.push({ el, entry, src }),
    release: () => void release(),
  };
}
