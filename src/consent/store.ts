// The consent state of this page: an EventTarget that holds the patient's record, applies the
// rules to it, persists decisions and fires `clinic-consent:change`. It knows nothing of the UI,
// the network or the blockers; they read `state` and listen.
import type { ResolvedConfig } from '../config/types.js';
import type { ChoiceStorage } from '../storage/choice-storage.js';
import { ConsentChangeEvent, type ChangeReason } from './events.js';
import { fingerprints } from './fingerprint.js';
import { randomId } from './id.js';
import { isRecord } from './record.js';
import { gpcRefusal, initialSnapshot, recordOf, snapshotOf, stricter } from './rules.js';
import type { ConsentChoice, ConsentRecord, ConsentSnapshot, DecisionMethod } from './types.js';

export interface ConsentStoreOptions {
  /** Called after a decision has been persisted, to tell other tabs. */
  readonly onPersisted?: (record: ConsentRecord) => void;
  readonly now?: () => number;
}

export class ConsentStore extends EventTarget {
  private readonly prints: Readonly<Record<string, string>>;
  private readonly now: () => number;
  /** The browser sends Global Privacy Control and the site honours it. */
  private readonly gpc: boolean;
  private record: ConsentRecord | null = null;
  private snapshot: ConsentSnapshot;
  // Locked until the config is known to be valid: nothing is read, granted or decided before.
  private locked = true;

  constructor(
    readonly config: ResolvedConfig,
    private readonly storage: ChoiceStorage,
    private readonly options: ConsentStoreOptions = {},
  ) {
    super();
    this.prints = fingerprints(config);
    this.now = options.now ?? Date.now;
    this.gpc = config.globalPrivacyControl && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
    this.snapshot = initialSnapshot(config, this.prints, this.gpc);
  }

  get state(): ConsentSnapshot {
    return this.snapshot;
  }

  /** The stored record, for modules (receipts) that need more than the snapshot. */
  get currentRecord(): ConsentRecord | null {
    return this.record;
  }

  isGranted(category: string, service?: string): boolean {
    const state = this.snapshot;
    return state.categories[category] === true && (service === undefined || state.services[service] === true);
  }

  /** The config is valid: read the cookie synchronously, so the page is decided before anything else runs. */
  unlock(): void {
    this.locked = false;
    const cookie = this.storage.readCookie();
    // The state is "known" once a cookie is found; without one, IndexedDB may still hold a choice.
    if (cookie) this.apply(cookie, 'restore', true);
  }

  /** Reads IndexedDB, reconciles it with the cookie (restoring whichever is missing) and applies the result. */
  async load(): Promise<ConsentSnapshot> {
    if (this.locked) return this.snapshot;
    const cookie = this.storage.readCookie();
    const { record: stored } = await this.storage.readDatabase();
    let record: ConsentRecord | null = stored ?? (cookie ? { ...cookie, consentId: randomId() } : null);
    if (stored && cookie && !this.storage.sameChoice(stored, cookie)) record = stricter(stored, cookie);
    if (record && (!stored || !cookie || record !== stored)) await this.storage.write(record);
    this.apply(record, 'restore', true);
    const refusal = this.gpc ? gpcRefusal(this.config, this.prints, record, record?.consentId || randomId(), this.now()) : null;
    if (refusal) await this.persist(refusal);
    return this.snapshot;
  }

  /** Applies another tab's record; ignores anything that is not a well-formed record. */
  receive(record: unknown): void {
    if (this.locked || !isRecord(record)) return;
    this.apply(record, 'sync', true);
  }

  async decide(choice: ConsentChoice, method: DecisionMethod): Promise<ConsentSnapshot> {
    if (this.locked) return this.snapshot;
    await this.persist(recordOf(this.config, this.prints, choice, method, this.record?.consentId || randomId(), this.now()));
    return this.snapshot;
  }

  private async persist(record: ConsentRecord): Promise<void> {
    this.apply(record, record.method, true);
    await this.storage.write(record);
    this.options.onPersisted?.(record);
  }

  /**
   * The receipts part signs with a browser key whose consent id is derived from it: the record takes that id,
   * as a restore (the same choice, no new decision, no new receipt).
   */
  async adopt(consentId: string): Promise<void> {
    const record = this.record && { ...this.record, consentId };
    this.apply(record, 'restore', true);
    if (record) await this.storage.write(record);
  }

  /** The config is invalid: the state becomes known with nothing optional granted, for good. */
  failClosed(): void {
    this.locked = true;
    this.apply(null, 'restore', true);
  }

  private apply(record: ConsentRecord | null, reason: ChangeReason, known: boolean): void {
    const previous = this.snapshot;
    this.record = record;
    this.snapshot = snapshotOf(this.config, this.prints, record, this.now(), known, this.gpc);
    if (reason === 'restore' && JSON.stringify(previous) === JSON.stringify(this.snapshot)) return;
    this.dispatchEvent(new ConsentChangeEvent({ state: this.snapshot, previous, method: reason }));
  }
}
