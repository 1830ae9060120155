// DOM guards: every way a tracker URL reaches a script, iframe or image element — the `src`
// setters (`new Image()` included), setAttribute, the insertion methods, innerHTML-style HTML
// sinks and document.write — before the browser acts on it. Scripts and iframes are held (hold.ts);
// tracker images are data requests ("pixels") and are dropped.
import type { Holder } from './hold.js';
import { HOLD_ATTR } from './hold.js';
import type { Policy } from './policy.js';

type Proto = Record<string, unknown>;

/** Replaces a method on a prototype with `wrap(original)`; a no-op where the method is missing. */
export function patch(proto: object | undefined, name: string, wrap: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown): void {
  const original = (proto as Proto | undefined)?.[name];
  if (typeof original === 'function') (proto as Proto)[name] = wrap(original as (...args: unknown[]) => unknown);
}

/** Blocked src of an element kind we guard: what to do with it. Returns true when the value must not be set. */
export function createElementGuard(policy: Policy, holder: Holder) {
  const intercept = (el: Element, value: unknown): boolean => {
    const entry = policy.blocks(value);
    if (!entry) return false;
    const kind = el.localName;
    if (kind === 'script') {
      // Not yet in the document: the insertion guard decides when it is added.
      if (el.isConnected) holder.hold(el as HTMLScriptElement, entry);
      return false;
    }
    if (kind === 'iframe') holder.frame(el as HTMLIFrameElement, String(value), entry);
    return kind === 'iframe' || kind === 'img';
  };

  /** Holds a tracker script, or strips a tracker image or iframe that already has its src. */
  const check = (el: Element) => {
    if (el.localName === 'script') return holder.script(el as HTMLScriptElement);
    if (el.localName !== 'img' && el.localName !== 'iframe') return;
    const src = (el as HTMLImageElement).src;
    const entry = src ? policy.blocks(src) : undefined;
    if (!entry) return;
    if (el.localName === 'iframe') holder.frame(el as HTMLIFrameElement, src, entry);
    el.removeAttribute('srcset');
    el.setAttribute('src', el.localName === 'iframe' ? 'about:blank' : '');
  };

  /** Checks `root` and every script, image and iframe under it (an inserted tree, an HTML sink's output). */
  const sweep = (root: unknown) => {
    const node = root as Element | null;
    if (node?.nodeType === 1) check(node);
    if (node?.firstElementChild) for (const el of node.querySelectorAll('script,img,iframe')) check(el);
  };

  return { intercept, sweep };
}

export function installElementGuards(w: Window & typeof globalThis, policy: Policy, holder: Holder, guard = createElementGuard(policy, holder)): void {
  const { intercept, sweep } = guard;

  const guardSetter = (proto: object, name: string, drops: (el: Element, value: unknown) => boolean) => {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const set = descriptor?.set;
    if (!set) return;
    Object.defineProperty(proto, name, {
      ...descriptor,
      set(this: Element, value: unknown) {
        let drop = false;
        try {
          drop = drops(this, value);
        } catch {
          // Fail open: an unexpected error here must not break the page's own images.
        }
        if (!drop) set.call(this, value);
      },
    });
  };
  for (const type of [w.HTMLScriptElement, w.HTMLImageElement, w.HTMLIFrameElement]) guardSetter(type.prototype, 'src', intercept);
  // A pixel can also be fired through srcset ("https://tracker/p.gif 1x").
  const srcsetBlocked = (value: unknown) => String(value).split(',').some((candidate) => policy.blocks(candidate.trim().split(/\s/)[0]));
  guardSetter(w.HTMLImageElement.prototype, 'srcset', (_el, value) => srcsetBlocked(value));

  patch(w.Element.prototype, 'setAttribute', (original) =>
    function (this: Element, name: unknown, value: unknown) {
      let drop = false;
      try {
        const attribute = String(name).toLowerCase();
        drop =
          attribute === 'src' ? /^(script|img|iframe)$/.test(this.localName) && intercept(this, value) : attribute === 'srcset' && this.localName === 'img' && srcsetBlocked(value);
      } catch {
        // As above.
      }
      return drop ? undefined : original.call(this, name, value);
    },
  );

  const inserting = (original: (...args: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      try {
        args.forEach(sweep);
      } catch {
        // As above.
      }
      const result = original.apply(this, args);
      // A new same-origin frame brings fresh, unguarded APIs: reading contentWindow guards it (index.ts).
      for (const arg of args) if ((arg as Element | null)?.localName === 'iframe') void (arg as HTMLIFrameElement).contentWindow;
      return result;
    };
  // Every method that inserts nodes: the browser starts an inserted script at once, before any observer
  // hears of it, so each is checked here (replaceChildren and a Range's insertions included).
  const insertions: [object, string][] = [
    [w.Node.prototype, 'appendChild insertBefore replaceChild'],
    [w.Element.prototype, 'append prepend before after replaceWith insertAdjacentElement replaceChildren'],
    [w.DocumentFragment.prototype, 'append prepend replaceChildren'],
    [w.Document.prototype, 'append prepend replaceChildren'],
    [w.Range.prototype, 'insertNode surroundContents'],
  ];
  for (const [proto, names] of insertions) for (const name of names.split(' ')) patch(proto, name, inserting);

  // HTML sinks parse in place: check what they created before the browser's microtask fetches it.
  // A shadow root's sinks too: the parser's observer does not see inside shadow trees.
  const sweeping = (target = (node: Element | ShadowRoot): unknown => node) => (original: (...args: unknown[]) => unknown) =>
    function (this: Element | ShadowRoot, ...args: unknown[]) {
      const result = original.apply(this, args);
      try {
        sweep(target(this));
      } catch {
        // As above.
      }
      return result;
    };
  patch(w.Element.prototype, 'insertAdjacentHTML', sweeping((el) => el.parentNode ?? el));
  for (const proto of [w.Element.prototype, w.ShadowRoot.prototype]) {
    patch(proto, 'setHTMLUnsafe', sweeping());
    // A shadow root has no outerHTML; an element's outerHTML replaces it, so its parent holds what was written.
    for (const name of ['innerHTML', 'outerHTML']) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (!descriptor?.set) continue;
      const set = sweeping(name === 'outerHTML' ? (el) => el.parentNode : undefined)(descriptor.set as (...args: unknown[]) => unknown);
      Object.defineProperty(proto, name, { ...descriptor, set });
    }
  }

  // document.write inserts through the parser, but from inside a running script, so no microtask
  // checkpoint lets the observer act first: mark tracker tags in the markup itself.
  const rewrite = (html: unknown) =>
    String(html).replace(/<(script|img|iframe)\b([^>]*)>/gi, (tag, name: string, attrs: string) => {
      const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
      if (!src || !policy.blocks(src)) return tag;
      if (name.toLowerCase() !== 'script') return `<${name}${attrs.replace(/\ssrc\s*=/i, ' data-cc-blocked-src=')}>`;
      const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1] ?? '';
      return `<${name} type="text/plain" ${HOLD_ATTR}="${type}"${attrs.replace(/\stype\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/i, '')}>`;
    });
  for (const name of ['write', 'writeln']) {
    patch(w.Document.prototype, name, (original) =>
      function (this: Document, ...args: unknown[]) {
        let out = args;
        try {
          out = args.map(rewrite);
        } catch {
          // As above.
        }
        return original.apply(this, out);
      },
    );
  }
}
