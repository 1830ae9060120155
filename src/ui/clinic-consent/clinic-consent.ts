// The <clinic-consent> element: the banner (first layer and confirmation) and the preference
// center in a native modal <dialog>. It reads state only through the api and asks for changes only
// through it; the consent rules live in the core. Never imported by the loader (the UI stays lazy).
// The banner is drawn by hand (banner.ts); the preference center, which few open, by lit-html in its chunk.
import type { ClinicConsentApi } from '../../api.js';
import type { ConsentSnapshot } from '../../consent/types.js';
import { BannerToggleEvent, PreferencesToggleEvent } from '../events.js';
import { h } from '../dom.js';
import { markLanguage, type LocaleState } from '../locale.js';
import { ShadowElement } from '../shadow-element.js';
import { keepFocusUnobscured } from '../unobscured.js';
import { bannerSwitches, buildBanner, buildConfirmation, noticeText } from './banner.js';
import { styles } from './clinic-consent.styles.js';
import type * as Preferences from './preferences.js';
import type { ConsentView, Decision } from './view.js';

type Stage = 'hidden' | 'ask' | 'done';
type PreferencesModule = typeof Preferences;

/**
 * The cookie banner and preference center for clinic websites, in ten languages (Arabic right to left).
 * Created by the SDK (`mountUi`); a site styles it and opens it, but never needs to create it.
 *
 * @summary Cookie banner and preference center: equal Accept all / Reject all, per-category switches.
 *
 * @fires clinic-consent:banner - The banner or its confirmation appeared or went away (`detail.visible`).
 * @fires clinic-consent:preferences - The preference center opened or closed (`detail.visible`). Closing decides nothing.
 *
 * @csspart banner - The fixed banner region at the bottom of the viewport.
 * @csspart dialog - The preference center's `<dialog>`.
 * @csspart title - The banner's and the preference center's headings.
 * @csspart notice - Why the banner asks again: the privacy policy changed, items changed, or the choice expired.
 * @csspart link - Links to the privacy policy.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button; also `accept`, `reject`, `save`, `choose`, `close`, `hide`, `reload`, `withdraw`.
 * @csspart switch - A category switch with its label.
 * @csspart category - One category in the preference center.
 * @csspart services - The expandable list of a category's services.
 * @csspart record - The patient's consent id and decision time.
 * @csspart gpc-note - Why marketing is off when the browser sends Global Privacy Control.
 *
 * @cssproperty [--cc-brand=#0b5f7a] - Brand colour (buttons, links, switches) in the light theme; keep ≥ 4.5:1 on white.
 * @cssproperty [--cc-on-brand=#ffffff] - Text on brand-coloured buttons, light theme.
 * @cssproperty [--cc-brand-dark=#7cc7e8] - Brand colour in the dark theme; keep ≥ 4.5:1 on #161b22.
 * @cssproperty [--cc-on-brand-dark=#0b1a22] - Text on brand-coloured buttons, dark theme.
 * @cssproperty [--cc-font=inherit] - Font family; inherits the page's font by default.
 * @cssproperty [--cc-radius=8px] - Corner radius of buttons and the dialog.
 * @cssproperty [--cc-space=1rem] - Padding of the banner and the dialog.
 * @cssproperty [--cc-z-index=2147483000] - Stacking order of the banner.
 *
 * @attr theme - `auto` (follows `prefers-color-scheme`), `light` or `dark`.
 */
export class ClinicConsentElement extends ShadowElement {
  static override styles = styles;

  api: ClinicConsentApi | null = null;
  locales: LocaleState | null = null;

  private stage: Stage = 'hidden';
  private outcome: Decision = 'accept';
  private reload = false;
  private draft: Record<string, boolean> = {};
  private returnTo: HTMLElement | null = null;
  private deciding = false;
  private release: (() => void) | null = null;
  private readonly refresh = (): void => this.onState();
  private preferences: Promise<PreferencesModule> | null = null;
  private drawPreferences: PreferencesModule['drawPreferences'] | null = null;
  private readonly switches = new Map<string, HTMLLabelElement>();
  private banner: HTMLElement | null = null;
  /** What the banner's content was built from: it is built again only when this changes. */
  private bannerBuiltFor: unknown[] = [];
  private dialog: HTMLDialogElement | null = null;

  get theme(): 'auto' | 'light' | 'dark' {
    const theme = this.getAttribute('theme');
    return theme === 'light' || theme === 'dark' ? theme : 'auto';
  }

  set theme(value: 'auto' | 'light' | 'dark') {
    this.setAttribute('theme', value);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('clinic-consent:change', this.refresh);
    this.locales?.addEventListener('change', this.refresh);
  }

  disconnectedCallback(): void {
    document.removeEventListener('clinic-consent:change', this.refresh);
    this.locales?.removeEventListener('change', this.refresh);
    this.release?.();
  }

  /** Shows the banner's first layer; false when another tab has answered the question meanwhile. */
  showBanner(): boolean {
    if (this.answered()) return false;
    this.resetDraft();
    this.stage = 'ask';
    this.requestUpdate();
    return true;
  }

  /** A current choice exists and nothing is to be told about it: no banner is due. */
  private answered(): boolean {
    const state = this.api?.getState();
    return state !== undefined && state.decided && !state.policyChanged;
  }

  /**
   * Fetches the preference center's code and styles once; called on the way there (hovering or
   * focusing "Choose"), so a first visit that never opens it downloads neither.
   */
  loadPreferences(): Promise<PreferencesModule> {
    return (this.preferences ??= import('./preferences.js').then((module) => {
      const root = this.renderRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, module.preferencesSheet];
      this.drawPreferences = module.drawPreferences;
      return module;
    }));
  }

  /** Opens the preference center; focus returns to where it was when it closes without a decision. */
  async openPreferences(): Promise<void> {
    if (this.dialog?.open) return;
    this.returnTo = deepActiveElement();
    await this.loadPreferences();
    if (this.stage !== 'ask') this.resetDraft();
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog) return;
    dialog.showModal();
    this.dispatchEvent(new PreferencesToggleEvent(true));
  }

  private onState(): void {
    // Decided elsewhere (another tab, the site's own call): the question is answered.
    if (this.stage === 'ask' && this.answered()) this.stage = 'hidden';
    if (!this.dialog?.open && this.stage !== 'ask') this.resetDraft();
    markLanguage(this, this.locales?.locale ?? '');
    this.requestUpdate();
  }

  private resetDraft(): void {
    const state = this.api?.getState();
    this.draft = { ...(state?.categories ?? {}) };
  }

  private async decide(decision: Decision): Promise<void> {
    const api = this.api;
    if (!api) return;
    const before = api.getState().categories;
    const optional = api.config.categories.filter((category) => !category.required);
    let after: ConsentSnapshot;
    try {
      if (decision === 'accept') after = await api.acceptAll();
      else if (decision === 'reject') after = await api.rejectAll();
      else if (decision === 'withdraw') after = await api.withdraw();
      else {
        const chosen = optional.filter((category) => this.draft[category.id]);
        after = await api.accept({
          categories: chosen.map((category) => category.id),
          services: chosen.flatMap((category) => category.services.map((service) => service.id)),
        });
      }
    } catch {
      return; // The core reports its own failures; the banner stays so the patient can try again.
    }
    this.outcome = decision;
    this.reload = optional.some((category) => before[category.id] && !after.categories[category.id]);
    this.stage = 'done';
    if (this.dialog?.open) {
      this.deciding = true;
      this.dialog.close();
    }
    this.resetDraft();
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.done')?.focus();
  }

  private onDialogClose(): void {
    this.dispatchEvent(new PreferencesToggleEvent(false));
    if (!this.deciding) {
      this.resetDraft();
      this.requestUpdate();
      this.returnTo?.focus();
    }
    this.deciding = false;
  }

  private hideConfirmation(): void {
    this.stage = 'hidden';
    this.requestUpdate();
    this.returnTo?.focus();
  }

  private view(): ConsentView | null {
    const { api, locales } = this;
    if (!api || !locales?.texts) return null;
    return {
      config: api.config,
      state: api.getState(),
      locale: locales.locale,
      bundle: locales.bundle,
      t: locales.texts,
      draft: this.draft,
      switches: this.switches,
      receipts: api.receipts,
      toggle: (category, on) => {
        this.draft = { ...this.draft, [category]: on };
        this.requestUpdate();
      },
      decide: (decision) => void this.decide(decision),
      openPreferences: () => void this.openPreferences(),
      loadPreferences: () => void this.loadPreferences(),
      closePreferences: () => this.dialog?.close(),
      hideConfirmation: () => this.hideConfirmation(),
    };
  }

  protected override update(): void {
    const view = this.view();
    if (!view) return;
    const root = this.renderRoot;
    const dialog = (this.dialog ??= root.appendChild(
      h('dialog', { part: 'dialog', 'aria-labelledby': 'cc-prefs-title', onclose: () => this.onDialogClose() }),
    ));
    this.updateBanner(view, root, dialog);
    this.drawPreferences?.(dialog, view);
    this.followBanner();
  }

  /** The banner region before the dialog, while there is something to ask or to confirm. */
  private updateBanner(view: ConsentView, root: ShadowRoot, dialog: HTMLDialogElement): void {
    if (this.stage === 'hidden') {
      this.banner?.remove();
      this.banner = null;
      return;
    }
    const toggles = view.config.ui.firstLayerToggles ?? view.locale.toLowerCase().startsWith('ko');
    const fresh = !this.banner;
    const banner = (this.banner ??= root.insertBefore(h('section', { class: 'banner', part: 'banner' }), dialog));
    banner.setAttribute('aria-label', view.t.bannerTitle);
    const builtFor = [this.stage, view.t, toggles, this.outcome, this.reload, noticeText(view)];
    if (fresh || builtFor.some((value, index) => value !== this.bannerBuiltFor[index])) {
      this.bannerBuiltFor = builtFor;
      banner.replaceChildren(...(this.stage === 'ask' ? buildBanner(view, toggles) : buildConfirmation(view, this.outcome, this.reload)));
    } else if (this.stage === 'ask' && toggles) {
      // Only the switches' positions changed: the same elements, so the focus stays where it is.
      bannerSwitches(view);
    }
  }

  /** The page's focus kept out from under the banner while it shows; the floating button told. */
  private followBanner(): void {
    const { banner } = this;
    if (banner && !this.release) {
      this.release = keepFocusUnobscured(this, banner);
      // The floating button (loader/launcher.ts) listens, and keeps out from under the banner.
      this.dispatchEvent(new BannerToggleEvent(true));
    } else if (!banner && this.release) {
      this.release();
      this.release = null;
      this.dispatchEvent(new BannerToggleEvent(false));
    }
  }
}

/** The focused element, looking inside open shadow roots (the opener may live in another component). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}
