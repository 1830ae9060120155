// The shape of a patient's choice and of the state the rest of the SDK reads. Types only.
import type { ConsentMethod } from '../../schema/shapes.js';

/** How a decision was given; carried into receipts (schema/shapes.ts lists them). */
export type DecisionMethod = ConsentMethod;

/** A stored choice: what the patient decided, when, and against which versions. */
export interface ConsentRecord {
  /** Format of this record, for future migrations. */
  readonly format: 1;
  /** Random pseudonymous id: never linked to a name, IP address or device. */
  readonly consentId: string;
  /** Milliseconds since the epoch. */
  readonly decidedAt: number;
  readonly expiresAt: number;
  /** Privacy-policy version the patient last saw. */
  readonly policyVersion: string;
  /** Fingerprint of each category's items (services, third parties, purposes, countries) when decided. */
  readonly fingerprints: Readonly<Record<string, string>>;
  /** Granted (true) or denied (false) per category id. */
  readonly categories: Readonly<Record<string, boolean>>;
  /** Granted (true) or denied (false) per service id. */
  readonly services: Readonly<Record<string, boolean>>;
  readonly method: DecisionMethod;
}

/** What the rest of the SDK and the site read: the record applied to the current config. */
export interface ConsentSnapshot {
  /** Null until the patient has decided at least once (or the stored choice is not yet known). */
  readonly consentId: string | null;
  /** True once the stored choice has been read (or found missing). */
  readonly known: boolean;
  /** A valid choice exists for every category: nothing needs asking. */
  readonly decided: boolean;
  readonly decidedAt: number | null;
  readonly expiresAt: number | null;
  readonly method: DecisionMethod | null;
  /** Current policy version of the site. */
  readonly policyVersion: string;
  /** The policy changed since the patient decided: show a notice (grants are kept). */
  readonly policyChanged: boolean;
  /** The current consent version: a fingerprint of everything the patient is asked to agree to. */
  readonly consentVersion: string;
  /** Categories to ask about (new, changed, or never decided); empty when `decided`. */
  readonly pending: readonly string[];
  /** The choice was made before but has expired. */
  readonly expired: boolean;
  /** Effective grants per category (`necessary` always true; pending categories false). */
  readonly categories: Readonly<Record<string, boolean>>;
  /** Effective grants per service. */
  readonly services: Readonly<Record<string, boolean>>;
  /**
   * The browser sends Global Privacy Control and the site honours it: marketing was refused for the
   * patient and Accept all leaves it off (the preference center says why); an explicit switch still works.
   */
  readonly gpc: boolean;
}

/** A choice to apply: the categories and services to grant; everything else optional is denied. */
export interface ConsentChoice {
  readonly categories?: readonly string[];
  readonly services?: readonly string[];
}
