// The loader's whole share of receipts, kept tiny for the loader's budget: it notes each decision
// made in this tab (with the texts on screen) for the lazy receipts chunk, journaling it (journal.ts)
// until the chunk has kept it, has the small impression part count a banner display, and fetches the
// receipts chunk to flush a non-empty outbox or impression journal on load and on `online`. Must not
// import either part statically.
import type { ShownTexts } from '../../schema/types.js';
import { ConsentChangeEvent } from '../consent/events.js';
import { randomId } from '../consent/id.js';
import type { ConsentStore } from '../consent/store.js';
import { hasOutbox } from '../storage/receipt-store.js';
import type { ImpressionOptions } from './impression.js';
import type { ReceiptsOptions, ReceiptsPart } from './index.js';
import { decisions, impressions } from './journal.js';
import type { Decision, ReceiptsApi } from './types.js';

export interface ReceiptsHook extends ReceiptsApi {
  /** The banner is being shown: once it is painted, the impression part counts one impression per tab session. */
  shown(): void;
  /** The preference center is opening: fetches the chunk, so a decision made there is kept at once. */
  prepare(): void;
  /** Trackers were requested before consent (loader/leaks.ts): the chunk reports them, where a collector is configured. */
  leaked(services: string[]): void;
}

/** The two lazily loaded parts the hook drives (loader/start.ts's LazyParts). */
export interface ReceiptParts {
  receipts?(): Promise<{ startReceipts(options: ReceiptsOptions): ReceiptsPart }>;
  impression?(): Promise<{ recordImpression(options: ImpressionOptions): Promise<void> }>;
}

/**
 * `textsOnScreen`: the texts the UI shows now, handed over by the loader from the UI's handle
 * (UiHandle.shownTexts), null while no UI is mounted; the UI is never imported here.
 */
export function hookReceipts(
  store: ConsentStore,
  ready: Promise<unknown>,
  parts: ReceiptParts,
  sdkVersion: string,
  textsOnScreen: () => ShownTexts | null,
): ReceiptsHook {
  const load = parts.receipts;
  let part: Promise<ReceiptsPart> | undefined;
  const receipts = (): Promise<ReceiptsPart> =>
    (part ??= (load ? load() : Promise.reject(new Error('no receipts part')))
      .then((module) => module.startReceipts({ config: store.config, sdkVersion, store }))
      .catch((error: unknown) => {
        // Offline, say: the next call fetches the chunk again instead of failing for the page's lifetime.
        part = undefined;
        throw error;
      }));
  // Work that waits for the chunk: a decision made before it could be fetched is kept in memory and
  // done once it arrives (the next attempt, or when the browser is back online), not dropped.
  const waiting: ((chunk: ReceiptsPart) => unknown)[] = [];
  const quietly = (work: (chunk: ReceiptsPart) => unknown): void => {
    waiting.push(work);
    void receipts().then(
      (chunk) => {
        for (const next of waiting.splice(0)) void Promise.resolve().then(() => next(chunk)).catch(() => undefined);
      },
      () => undefined,
    );
  };

  // Journaled first, in the same task as the decision: the page may be gone before the chunk arrives.
  const keep = (decision: Decision, fresh?: boolean): void => {
    if (fresh) decisions.add(decision);
    quietly((chunk) => chunk.decided(decision).then(() => decisions.strike(decision.id)));
  };
  // Decisions an earlier page made but closed too soon to keep; impressions it could not deliver (the chunk sends them).
  decisions.entries().forEach((decision) => keep(decision));
  if (impressions.entries().length) quietly(() => undefined);

  store.addEventListener(ConsentChangeEvent.type, (event) => {
    const { method, state } = (event as ConsentChangeEvent).detail;
    const record = store.currentRecord;
    // Reads and other tabs' decisions are not decisions made here; those tabs keep their own receipts.
    if (method === 'restore' || method === 'sync' || !record) return;
    keep({ id: randomId(), record, consentVersion: state.consentVersion, shown: textsOnScreen() }, true);
  });
  const flush = (): void => {
    if (store.config.receiptEndpoint) void hasOutbox().then((queued) => queued && quietly((chunk) => chunk.flush()));
  };
  void ready.then(flush);
  addEventListener('online', () => {
    if (waiting.length) quietly(() => undefined);
    flush();
  });

  return {
    // Off the banner's path: the impression part is asked for only once the banner has been painted (a
    // task after the next frame), and the receipts chunk only for a decision, which is journaled until
    // the chunk has kept it (keep()).
    shown: () => {
      if (!store.config.receiptEndpoint) return;
      const count = () =>
        parts
          .impression?.()
          .then(({ recordImpression }) =>
            recordImpression({
              config: store.config,
              sdkVersion,
              consentVersion: store.state.consentVersion,
              locale: textsOnScreen()?.locale ?? (document.documentElement.lang || 'en'),
            }),
          )
          .catch(() => undefined);
      requestAnimationFrame(() => setTimeout(count));
    },
    prepare: () => quietly(() => undefined),
    leaked: (services) => store.config.receiptEndpoint && quietly((chunk) => chunk.leaked(services)),
    history: () => receipts().then((chunk) => chunk.history()),
    download: () => receipts().then((chunk) => chunk.download(store.state.consentId)),
  };
}
