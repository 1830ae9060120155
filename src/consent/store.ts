// The consent state of this page: an EventTarget that holds the patient's record, applies the
// rules to it, persists decisions and fires `clinic-consent:change`. It knows nothing of the UI,
// the network or the blockers; they read `state` and listen.
import type { ResolvedConfig } from '../config/types.js';
import type { ChoiceStorage } from '../storage/choice-storage.js';
import { ConsentChangeEvent, type ChangeReason } from './events.js';
import { fingerprints } from './fingerprint.js';
import { randomId } from './id.js';
import { gpcRefusal, initialSnapshot, recordOf, refusalOf, snapshotOf, stricter } from './rules.js';
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
    // A cookie another host could have set (cookie tossing) may only deny until IndexedDB confirms it.
    if (cookie) this.apply(cookie.verified ? cookie.record : refusalOf(this.config, cookie.record), 'restore', true);
  }

  /** Reads IndexedDB, reconciles it with the cookie (restoring whichever is missing) and applies the result. */
  async load(): Promise<ConsentSnapshot> {
    if (this.locked) return this.snapshot;
    const cookie = this.storage.readCookie();
    const { record: stored } = await this.storage.readDatabase();
    let record = stored;
    // IndexedDB is this origin's store of record. A newer cookie that differs (a write to IndexedDB
    // was lost) may take grants away, never add them; an older one never wins.
    if (stored && cookie && cookie.record.decidedAt >= stored.decidedAt && !this.storage.sameChoice(stored, cookie.record)) {
      record = stricter(stored, cookie.record);
    }
    // Without a record, only this host's own cookie, or one that grants nothing, is the patient's choice.
    if (!stored && cookie && (cookie.verified || this.storage.sameChoice(cookie.record, refusalOf(this.config, cookie.record)))) {
      record = { ...cookie.record, consentId: randomId() };
    }
    if (record && record !== stored) await this.storage.write(record);
    else if (record && !(cookie?.verified && this.storage.sameChoice(record, cookie.record))) this.storage.writeCookie(record);
    this.apply(record, 'restore', true);
    const refusal = this.gpc ? gpcRefusal(this.config, this.prints, record, record?.consentId || randomId(), this.now()) : null;
    if (refusal) await this.persist(refusal);
    return this.snapshot;
  }

  /**
   * Another tab says it decided. Any same-origin script can post on the channel, so the message is
   * only a hint to re-read IndexedDB, whose record is applied if it is newer than the one held.
   */
  async receive(): Promise<void> {
    if (this.locked) return;
    const { record } = await this.storage.readDatabase();
    if (record && record.decidedAt > (this.record?.decidedAt ?? -1)) this.apply(record, 'sync', true);
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
