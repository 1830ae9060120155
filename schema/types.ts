/**
 * TypeScript shapes of the version-1 documents described by the JSON schemas beside this file; the schemas are the
 * source of truth for validation, these types keep the SDK and the collector from drifting. The shapes both share
 * (patterns, limits, the lists of methods and device classes) live in shapes.ts.
 */
import type { ConsentMethod, DeviceClass } from './shapes.js';

export type { ConsentMethod, DeviceClass };

export const RECEIPT_SCHEMA = 'clinic-consent/receipt/1';
export const IMPRESSION_SCHEMA = 'clinic-consent/impression/1';
export const ACK_SCHEMA = 'clinic-consent/ack/1';
export const BATCH_ACK_SCHEMA = 'clinic-consent/ack/2';
/** What the one signature of a batch of version-2 acks signs: its Merkle root and leaf count (schema/README.md). */
export const ACK_ROOT_SCHEMA = 'clinic-consent/ack-root/1';
export const LEAK_SCHEMA = 'clinic-consent/leak/1';

export interface CategoryDecision {
  readonly granted: boolean;
  readonly purpose: string;
}

export interface ServiceDecision {
  readonly category: string;
  readonly granted: boolean;
  readonly purpose: string;
  /** The company that receives data, e.g. "Medisian Inc."; omitted for first-party services. */
  readonly thirdParty?: string;
  /** ISO 3166-1 alpha-2 country of the third party; required when `thirdParty` is present. */
  readonly country?: string;
}

/** A cookie of a service as the patient saw it listed. */
export interface ShownCookie {
  readonly name: string;
  /** How long it is kept, in the texts' language. */
  readonly retention?: string;
}

/** A service as the preference center listed it; every text resolved in the texts' language, empty ones left out. */
export interface ShownService {
  readonly id: string;
  readonly name: string;
  readonly purpose?: string;
  readonly dataSent?: string;
  /** The recipient ("Medisian Inc."). */
  readonly thirdParty?: string;
  /** The recipient's country by name, as shown ("대한민국"); the receipt's `services` carry its code. */
  readonly country?: string;
  readonly cookies: readonly ShownCookie[];
}

/** A category as the preference center listed it, with its services in the order shown. */
export interface ShownCategory {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly services: readonly ShownService[];
}

/**
 * The texts shown to the patient; `textHash` is SHA-256 over `canonicalize(texts)`. `disclosure` is what the
 * preference center lists (absent from receipts of SDKs before it, and from decisions made without the UI).
 */
export interface ShownTexts {
  readonly locale: string;
  readonly strings: Readonly<Record<string, string>>;
  readonly disclosure?: readonly ShownCategory[];
}

export interface ConsentReceiptV1 {
  readonly schema: typeof RECEIPT_SCHEMA;
  readonly id: string;
  readonly consentId: string;
  readonly siteId: string;
  readonly policy: { readonly url: string; readonly version: string };
  readonly consentVersion?: string;
  readonly locale: string;
  readonly jurisdiction: string;
  readonly method: ConsentMethod;
  readonly categories: Readonly<Record<string, CategoryDecision>>;
  readonly services: Readonly<Record<string, ServiceDecision>>;
  readonly clientTime: string;
  readonly deviceClass: DeviceClass;
  readonly sdkVersion: string;
  readonly textHash: string;
  /** Attached only when the collector said `textsKnown: false`; excluded from `hash`. */
  readonly texts?: ShownTexts;
  readonly prev: string | null;
  readonly hash: string;
}

export interface ImpressionV1 {
  readonly schema: typeof IMPRESSION_SCHEMA;
  readonly id: string;
  readonly siteId: string;
  readonly day: string;
  readonly locale: string;
  readonly policyVersion: string;
  readonly consentVersion?: string;
  readonly sdkVersion: string;
  readonly textHash?: string;
  readonly deviceClass: DeviceClass;
}

/**
 * Trackers a page requested before consent (src/loader/leaks.ts): the page's path cut to its first segment (or a
 * prefix the clinic declared), or on a sensitive page only the index of its rule, never both.
 */
export type LeakReportV1 = {
  readonly schema: typeof LEAK_SCHEMA;
  readonly id: string;
  readonly siteId: string;
  readonly day: string;
  readonly trackers: readonly string[];
} & ({ readonly path: string; readonly sensitive?: never } | { readonly sensitive: number; readonly path?: never });

export interface AckV1 {
  readonly schema: typeof ACK_SCHEMA;
  readonly receiptId: string;
  readonly receiptHash: string;
  readonly serverTime: string;
  readonly kid: string;
  readonly signature: string;
}

/**
 * An acknowledgment signed with its batch: the collector signs one Merkle root per group commit, and each ack carries
 * the path from its own leaf to that root (schema/README.md gives the exact bytes).
 */
export interface AckV2 extends Omit<AckV1, 'schema'> {
  readonly schema: typeof BATCH_ACK_SCHEMA;
  readonly batch: {
    /** Leaves in the batch's tree, and this ack's leaf among them (from 0). */
    readonly size: number;
    readonly index: number;
    /** Sibling hashes from the leaf up (base64url SHA-256); a node without a sibling on a level has none there. */
    readonly path: readonly string[];
  };
}

/** Either version; the collector writes version 2, and acks kept from before stay version 1. */
export type Ack = AckV1 | AckV2;

/** The collector's answer to `POST /v1/receipts`: the ack to keep verbatim, plus unsigned hints. */
export interface ReceiptResponseV1 {
  readonly ack: Ack;
  /** False when the collector has no texts for `textHash` yet: resend the same receipt with `texts` attached. */
  readonly textsKnown: boolean;
  readonly chainStatus: 'ok' | 'pending' | 'fork';
  /** True when this receipt id was already stored with the same hash (a resend). */
  readonly duplicate: boolean;
}
