// The event a site listens to for consent changes: `clinic-consent:change` on `document`.
import type { ConsentSnapshot, DecisionMethod } from './types.js';

/** Why the state changed: a decision, the stored choice being read, or another tab's decision. */
export type ChangeReason = DecisionMethod | 'restore' | 'sync';

export interface ConsentChangeDetail {
  readonly state: ConsentSnapshot;
  readonly previous: ConsentSnapshot;
  readonly method: ChangeReason;
}

/** Fired on `document` (and on the consent store) whenever the effective state changes. */
export class ConsentChangeEvent extends Event {
  static readonly type = 'clinic-consent:change';
  readonly detail: ConsentChangeDetail;

  constructor(detail: ConsentChangeDetail) {
    // Not bubbling, composed or cancelable (Event's defaults): it is dispatched where it is listened to.
    super(ConsentChangeEvent.type);
    this.detail = detail;
  }
}

declare global {
  interface DocumentEventMap {
    'clinic-consent:change': ConsentChangeEvent;
  }
}
