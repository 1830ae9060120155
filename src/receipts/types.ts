// What the receipts part offers the rest of the SDK and the patient: the loader's inputs for a
// decision and the history the preference center shows. Types only.
import type { Ack, ConsentReceiptV1, ShownTexts } from '../../schema/types.js';
import type { ConsentRecord } from '../consent/types.js';

/** A decision made in this tab, captured when it was made. */
export interface Decision {
  /** The receipt's id, chosen when the decision is made, so the journal's entry is built into one receipt only. */
  readonly id?: string;
  readonly record: ConsentRecord;
  /** The consent version (fingerprint of what was asked) at the time. */
  readonly consentVersion: string;
  /** The banner / preference-center texts on screen, or null when the decision came without them (API, GPC). */
  readonly shown: ShownTexts | null;
}

/** Where a receipt stands: kept here only (no endpoint), waiting, acknowledged, or refused by the collector. */
export type ReceiptStatus = 'local' | 'pending' | 'acknowledged' | 'rejected';

export interface HistoryEntry {
  readonly receiptId: string;
  readonly consentId: string;
  /** When the patient decided (the browser's clock), ISO 8601. */
  readonly decidedAt: string;
  readonly method: ConsentReceiptV1['method'];
  readonly policyVersion: string;
  /** Granted (true) or denied (false) per category. */
  readonly categories: Readonly<Record<string, boolean>>;
  readonly status: ReceiptStatus;
  /** The collector's acknowledgment, verbatim, once it has arrived. */
  readonly ack?: Ack;
}

export interface ReceiptHistory {
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
  /** Every chain re-hashed and its links intact: nothing was edited, removed or reordered. */
  readonly intact: boolean;
  /** False when IndexedDB is unavailable: the history holds this page's decisions only. */
  readonly persistent: boolean;
}

/** `ClinicConsent.receipts`: the patient's own view of their consent receipts. */
export interface ReceiptsApi {
  /** Resolves once every decision made in this tab so far has its receipt kept. */
  history(): Promise<ReceiptHistory>;
  /** Saves every receipt kept in this browser, with acknowledgments and the chain check, as a JSON file. */
  download(): Promise<void>;
}
