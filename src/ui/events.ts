// The UI's own events, for sites that want to react when the banner or the preference center
// shows or hides (e.g. to pause a chat widget). Consent changes are the core's
// `clinic-consent:change` event; these never mean that anything was decided.

export interface UiVisibilityDetail {
  /** True when it became visible. */
  readonly visible: boolean;
}

/** The banner (or its confirmation) appeared or went away. Bubbles and crosses the shadow boundary. */
export class BannerToggleEvent extends Event {
  static readonly type = 'clinic-consent:banner';
  readonly detail: UiVisibilityDetail;
  constructor(visible: boolean) {
    super(BannerToggleEvent.type, { bubbles: true, composed: true });
    this.detail = { visible };
  }
}

/** The preference center opened or closed. Closing it (Esc, Close) decides nothing. */
export class PreferencesToggleEvent extends Event {
  static readonly type = 'clinic-consent:preferences';
  readonly detail: UiVisibilityDetail;
  constructor(visible: boolean) {
    super(PreferencesToggleEvent.type, { bubbles: true, composed: true });
    this.detail = { visible };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'clinic-consent:banner': BannerToggleEvent;
    'clinic-consent:preferences': PreferencesToggleEvent;
  }
}
