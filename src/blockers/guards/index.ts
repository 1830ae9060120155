// Tracking control for snippets pasted as-is: installs every guard synchronously, before any other
// script of the page runs, and keeps them in step with the patient's choice (release in order on a
// grant; silence, clear and optionally reload on a withdrawal). Called by the loader only; nothing
// thrown here reaches the page. Must not import the UI or anything async.
import type { ResolvedConfig } from '../../config/types.js';
import type { TrackingConfig } from '../../config/tracking.js';
import { clearTrackers } from './clear.js';
import { installCookieGuard } from './cookie.js';
import { createElementGuard, installElementGuards } from './elements.js';
import { createHolder } from './hold.js';
import type { Holder } from './hold.js';
import { installNetworkGuards } from './network.js';
import { createPolicy } from './policy.js';
import type { Policy } from './policy.js';

export interface GuardContext {
  readonly config: ResolvedConfig;
  readonly tracking: TrackingConfig;
  /** May this category (and service) run now? false until the stored choice is known (fail closed). */
  isGranted(category: string, service?: string): boolean;
  /** Called after every change of the effective grants: a decision in this tab, another tab's decision, or the async IndexedDB read. */
  onChange(listener: () => void): void;
}

type Win = Window & typeof globalThis;

/** Returns the policy the guards decide by (the leak monitor asks it too); undefined when they could not install. */
export function installGuards(context: GuardContext): Policy | undefined {
  try {
    const policy = createPolicy(context);
    const holder = createHolder(policy, Node.prototype.insertBefore);
    const elements = createElementGuard(policy, holder);
    const patched = new WeakSet<object>();
    const install = (w: Win) => {
      if (patched.has(w)) return;
      patched.add(w);
      installElementGuards(w, policy, holder, elements);
      installNetworkGuards(w, policy);
      installCookieGuard(w, policy);
      guardFrames(w, install);
    };
    install(window);
    observeParser(holder, elements.sweep);
    if (context.tracking.sessionReplay === 'masked') maskReplay();
    followChoice(context, policy, holder);
    return policy;
  } catch {
    // A guard that cannot install leaves the page as it was; markup gating still holds.
    return undefined;
  }
}

/**
 * Parser-inserted elements: the parser runs a microtask checkpoint before it prepares a script
 * (https://html.spec.whatwg.org/multipage/parsing.html#scriptEndTag), so this observer swaps a
 * tracker script's type before it can run. Images and iframes written in the HTML were already
 * requested by the preload scanner; they are stripped here so they do not render or navigate.
 */
function observeParser(holder: Holder, sweep: (node: unknown) => void): void {
  new MutationObserver((records) => {
    for (const record of records) {
      try {
        // Text added to a script element: its inline source is now complete enough to check.
        if (record.target.nodeName === 'SCRIPT') holder.script(record.target as HTMLScriptElement);
        record.addedNodes.forEach(sweep);
      } catch {
        // Never let one odd node stop the observer.
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Same-origin frames (about:blank included) bring fresh, unguarded APIs: guard them on first access. */
function guardFrames(w: Win, install: (w: Win) => void): void {
  const proto = w.HTMLIFrameElement.prototype;
  for (const name of ['contentWindow', 'contentDocument'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const get = descriptor?.get;
    if (!get) continue;
    Object.defineProperty(proto, name, {
      ...descriptor,
      get(this: HTMLIFrameElement) {
        const value = get.call(this) as Win | Document | null;
        try {
          const child = (value as Document | null)?.defaultView ?? (value as Win | null);
          // Reading a cross-origin frame's Node throws: such frames cannot touch this page anyway.
          if (child?.Node) install(child as Win);
        } catch {
          // Cross-origin: nothing to guard.
        }
        return value;
      },
    });
  }
}

/** Session replay "masked": the vendors' documented attributes, on the root, mask all page text. */
function maskReplay(): void {
  const root = document.documentElement;
  root.setAttribute('data-clarity-mask', 'true'); // https://learn.microsoft.com/clarity/setup-and-installation/clarity-masking
  root.setAttribute('data-hj-suppress', ''); // https://help.hotjar.com/hc/en-us/articles/115015563287
}

function followChoice(context: GuardContext, policy: Policy, holder: Holder): void {
  const { tracking } = context;
  const categories = [...new Set(tracking.entries.map((entry) => entry.category))];
  const grantedNow = () =>
    new Set(
      categories.filter((category) => {
        try {
          return context.isGranted(category);
        } catch {
          return false;
        }
      }),
    );
  let granted = grantedNow();
  context.onChange(() => {
    try {
      const next = grantedNow();
      const lost = [...granted].filter((category) => !next.has(category));
      granted = next;
      if (lost.length) {
        clearTrackers(tracking.entries.filter((entry) => lost.includes(entry.category)));
        if (tracking.reloadOnWithdraw && lost.some((category) => policy.ran.has(category))) location.reload();
      }
      holder.release();
    } catch {
      // The guards themselves keep blocking; only the clean-up was missed.
    }
  });
  holder.release();
}
