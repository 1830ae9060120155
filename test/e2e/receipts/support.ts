// Helpers for the receipts end-to-end tests: the gated test page wired to a local endpoint, and
// reads of what the SDK keeps in IndexedDB (the receipt store and its outbox).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startCollector, type RunningCollector } from '../../../collector/src/start.js';
import type { ConsentReceiptV1 } from '../../../schema/types.js';
import type { ClinicConsentConfig } from '../../../src/config/types.js';
import type { OutboxEntry, StoredReceipt } from '../../../src/storage/receipt-store.js';
import { clinicConfig } from '../../support/configs.js';
import type { ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { openGated, test, type Watched } from '../support/clinic-page.js';

export const GATED = '/test/e2e/pages/foundation/gated.html';

/** The gated clinic page with receipts going to `endpoint`. */
export function openClinic(context: BrowserContext, endpoint: ReceiptEndpoint | null, overrides: Partial<ClinicConsentConfig> = {}, path = GATED): Promise<Watched> {
  return openGated(context, clinicConfig({ ...(endpoint ? { receiptEndpoint: endpoint.url } : {}), ...overrides }), path);
}

/** Every value under a key prefix of the receipt store ("r:" receipts, "o:" outbox, "h:" chain heads). */
export function readStore<T>(page: Page, prefix: string): Promise<T[]> {
  return page.evaluate(
    (under) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('cc-clinic-receipts');
        open.onupgradeneeded = () => open.result.createObjectStore('records');
        open.onsuccess = () => {
          const request = open.result.transaction('records').objectStore('records').getAll(IDBKeyRange.bound(under, `${under}\uffff`));
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
    prefix,
  );
}

export const storedReceipts = (page: Page): Promise<StoredReceipt[]> =>
  readStore<StoredReceipt>(page, 'r:').then((all) => all.sort((a, b) => a.seq - b.seq));
export const outbox = (page: Page): Promise<OutboxEntry[]> => readStore<OutboxEntry>(page, 'o:');

/** Receipts the endpoint stored for this page's current consent id, in chain order. */
export async function chainAt(endpoint: ReceiptEndpoint, page: Page): Promise<ConsentReceiptV1[]> {
  const consentId = await page.evaluate(() => window.ClinicConsent!.getState().consentId);
  return endpoint.chain(consentId!);
}

/**
 * The real collector on embedded PostgreSQL in a fresh data folder, taking the demo site's receipts from the test
 * pages' origin: started before the file's tests, stopped after them. Call at a spec's top level; the getter
 * returns it inside a test.
 */
export function useCollector(): () => RunningCollector {
  let collector: RunningCollector | undefined;
  let dataDir = '';
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(60_000);
    dataDir = mkdtempSync(join(tmpdir(), 'cc-receipts-e2e-'));
    collector = await startCollector({ port: 0, dataDir, siteOrigins: [new URL(baseURL!).origin] });
  });
  test.afterAll(async () => {
    await collector?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!collector) throw new Error('the collector did not start');
    return collector;
  };
}
