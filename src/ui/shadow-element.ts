// The part of LitElement our two elements use: an open shadow root with an adopted stylesheet, and an
// `update()` run at most once per microtask after `requestUpdate()`. Both elements re-render when they
// are told to (a state or language change), never from a property setter, so LitElement's reactive
// properties and attribute reflection (ReactiveElement, about 2 KB of brotli) would sit on the banner's
// path for nothing. How each draws itself is its own business: the banner by hand (banner.ts), the
// preference center and the disclosure table with lit-html, in chunks the banner does not wait for.

/** A stylesheet's text; the build minifies it (scripts/minify-css.mjs finds css`…`). Interpolations are other css`…` texts. */
export const css = (strings: TemplateStringsArray, ...parts: string[]): string =>
  strings.reduce((text, piece, index) => text + (index ? parts[index - 1] : '') + piece, '');

/** A constructed stylesheet: adopted, it passes a strict style-src without 'unsafe-inline'. */
export function styleSheet(text: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}

// One sheet per class, shared by its instances.
const sheets = new WeakMap<object, CSSStyleSheet>();

export abstract class ShadowElement extends HTMLElement {
  /** The element's stylesheet text (css`…`). */
  static styles = '';

  readonly renderRoot: ShadowRoot;
  private pending: Promise<void> | null = null;

  constructor() {
    super();
    this.renderRoot = this.attachShadow({ mode: 'open' });
    const type = this.constructor as typeof ShadowElement;
    let sheet = sheets.get(type);
    if (!sheet) sheets.set(type, (sheet = styleSheet(type.styles)));
    this.renderRoot.adoptedStyleSheets = [sheet];
  }

  connectedCallback(): void {
    this.requestUpdate();
  }

  /** Updates the shadow tree in a microtask; calls made before it runs share it. */
  requestUpdate(): void {
    this.pending ??= Promise.resolve().then(() => {
      this.pending = null;
      this.update();
    });
  }

  /** Settles once the requested update (if any) is in the DOM. */
  get updateComplete(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }

  /** Brings the shadow tree up to date. */
  protected abstract update(): void;
}
