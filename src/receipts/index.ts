// The receipts chunk (dist/<version>/parts/receipts.js), imported by the loader on a decision, the preference
// center's opening, or a non-empty outbox or impression journal: builds each receipt under the chain lock, keeps
// it (IndexedDB, else memory), queues it and delivers it; sends on the impressions the impression part could not;
// answers the patient's history. Never throws into the page.
import type { ConsentReceiptV1 } from '../../schema/types.js';
import type { ResolvedConfig } from '../config/types.js';
import type { ConsentStore } from '../consent/store.js';
import { reportReceipts } from '../errors.js';
import { indexedDbBackend, memoryBackend, type OutboxEntry, type ReceiptBackend } from '../storage/receipt-store.js';
import { draftReceipt, receiptLocale, recordedTexts, seal, textHash } from './build.js';
import { uuid } from './crypto.js';
import { Delivery } from './delivery.js';
import { deviceClass } from './device.js';
import { deviceKey, sealSigned } from './device-key.js';
import { exportHistory, readHistory } from './history.js';
import { impressions } from './journal.js';
import { leakMark, leakPlace, leakReportOf } from './leaks.js';
import { withLock } from './locks.js';
import { endpointOf } from './post.js';
import type { Decision, ReceiptHistory } from './types.js';

export interface ReceiptsOptions {
  readonly config: ResolvedConfig;
  readonly sdkVersion: string;
  /** The consent state, whose record takes the browser key's consent id when they differ (no new decision). */
  readonly store?: Pick<ConsentStore, 'adopt'>;
}

export interface ReceiptsPart {
  /** Builds, keeps and queues the receipt of a decision made in this tab; resolves once it is kept. */
  decided(decision: Decision): Promise<void>;
  /** Reports trackers this page requested before consent (leaks.ts), once per page and day in this browser. */
  leaked(services: readonly string[]): Promise<void>;
  /** Sends whatever waits in the outbox. */
  flush(): Promise<void>;
  history(): Promise<ReceiptHistory>;
  /** The JSON document `download()` saves. */
  exportJson(): Promise<string>;
  /** Saves `exportJson()` as a file named after the consent id. */
  download(consentId: string | null): Promise<void>;
}

// Tries to append this often when other tabs keep moving the chain head (only without Web Locks).
const MAX_APPENDS = 20;


/** Opens IndexedDB, or falls back to memory and says so once. */
async function openBackend(endpoint: string | null): Promise<ReceiptBackend> {
  const stored = indexedDbBackend();
  try {
    await stored.head('');
    return stored;
  } catch {
    reportReceipts('CC_ERR_RECEIPTS_MEMORY', `receipts are ${endpoint ? 'sent at once from memory, with no retry after this page closes' : 'kept for this page only'}`);
    return memoryBackend();
  }
}

export function startReceipts(options: ReceiptsOptions): ReceiptsPart {
  const { config, sdkVersion } = options;
  const endpoint = endpointOf(config);
  const backend = openBackend(endpoint);
  const delivery = backend.then((opened) => {
    if (!endpoint) return null;
    const sender = new Delivery({ backend: opened, endpoint });
    sender.listen();
    return sender;
  });
  let queue: Promise<void> = Promise.resolve();

  async function keep(decision: Decision): Promise<void> {
    const store = await backend;
    const locale = receiptLocale(decision.shown?.locale ?? (document.documentElement.lang || 'en'));
    const texts = recordedTexts(config, decision.shown, locale);
    const hashOfTexts = await textHash(texts);
    if (!(await store.texts(hashOfTexts))) await store.putTexts(hashOfTexts, { texts, known: false });
    const draft = draftReceipt(
      { config, sdkVersion, deviceClass: deviceClass(), pageUrl: location.origin + location.pathname, pageLocale: locale },
      decision,
      decision.id ?? uuid(),
      hashOfTexts,
    );
    // Built and appended under one lock, and the append is a compare-and-swap on the chain head as
    // well, so two tabs deciding at once never fork a chain, with or without Web Locks.
    const entry = await withLock(`cc-clinic-receipts-chain`, async () => {
      // A journaled decision another tab (or an earlier page) has already kept.
      if (decision.id && (await store.receipts()).some((kept) => kept.receipt.id === decision.id)) return null;
      // Signed where the browser and the collector can (device-key.ts); the consent id is then the key's.
      const key = endpoint ? await deviceKey(store, endpoint) : null;
      const consentId = key?.consentId ?? draft.consentId;
      if (key && key.consentId !== draft.consentId) await options.store?.adopt(key.consentId);
      for (let attempt = 0; attempt < MAX_APPENDS; attempt++) {
        const head = await store.head(consentId);
        // Stored and sent like a version-1 receipt: the store and the outbox do not look inside.
        const receipt = key ? ((await sealSigned(draft, head?.hash ?? null, key)) as unknown as ConsentReceiptV1) : await seal(draft, head?.hash ?? null);
        const outbox: OutboxEntry | null = endpoint
          ? { id: receipt.id, kind: 'receipt', payload: receipt, queuedAt: Date.now(), attempts: 0, nextAt: 0 }
          : null;
        if (await store.append({ receipt, seq: (head?.seq ?? 0) + 1 }, head?.hash ?? null, outbox)) return outbox;
      }
      throw new Error('the chain head kept moving');
    });
    const sender = await delivery;
    if (entry && sender) {
      await sender.remember(entry);
      void sender.flush();
    }
  }

  /** Queues an impression or a leak report with `queue` (false: nothing to send) and sends it at once. */
  async function send(entry: OutboxEntry, queue: (store: ReceiptBackend, entry: OutboxEntry) => Promise<boolean>): Promise<void> {
    try {
      if (!(await queue(await backend, entry))) return;
      const sender = await delivery;
      await sender?.remember(entry);
      void sender?.flush();
    } catch (error) {
      reportReceipts('CC_ERR_RECEIPT', `${entry.kind === 'leak' ? 'a leak report' : 'an impression'}: ${String(error)}`);
    }
  }

  // Impressions the impression part could not deliver (impression.ts) go into the outbox, to be retried from there.
  if (endpoint) {
    for (const payload of impressions.entries()) {
      const entry: OutboxEntry = { id: payload.id, kind: 'impression', payload, queuedAt: Date.now(), attempts: 0, nextAt: 0 };
      void send(entry, async (store) => {
        await store.putOutbox(entry);
        impressions.strike(entry.id);
        return true;
      });
    }
  }

  return {
    decided(decision) {
      queue = queue.then(() => keep(decision)).catch((error: unknown) => reportReceipts('CC_ERR_RECEIPT', `a receipt: ${String(error)}`));
      return queue;
    },
    async leaked(services) {
      if (!endpoint) return;
      const place = leakPlace(config.tracking, location.pathname);
      const payload = leakReportOf(config.siteId, services, place, uuid(), Date.now());
      await send({ id: payload.id, kind: 'leak', payload, queuedAt: Date.now(), attempts: 0, nextAt: 0 }, (store, entry) => store.queueOnce(leakMark(place), payload.day, entry));
    },
    async flush() {
      await (await delivery)?.flush(true);
    },
    // After the decisions already made in this tab have been kept, so the history shows them all.
    history: async () => readHistory(await queue.then(() => backend), endpoint !== null),
    exportJson: async () => exportHistory(await backend, config.siteId),
    async download(consentId) {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([await exportHistory(await backend, config.siteId)], { type: 'application/json' }));
      link.download = `consent-receipts-${consentId ?? 'none'}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    },
  };
}
