// How a body goes to the collector, from the receipts chunk (delivery.ts) and the impression part
// (impression.ts) alike: a string body goes as text/plain;charset=UTF-8, a "simple" request, so no
// preflight; no cookies and no Referer (the page's path and query may name the patient), nothing but
// the JSON; given up after 15 s, so a hung request is retried rather than waited on.
import type { ResolvedConfig } from '../config/types.js';
import type { OutboxEntry } from '../storage/receipt-store.js';

const TIMEOUT_MS = 15_000;

/** The receipts URL (`config.receiptEndpoint`, resolved against the page), or null without one. */
export const endpointOf = (config: ResolvedConfig): string | null =>
  config.receiptEndpoint ? new URL(config.receiptEndpoint, location.href).href : null;

/** Where an entry of this kind goes: receipts to the endpoint itself, impressions and leak reports beside it. */
export const urlFor = (kind: OutboxEntry['kind'], endpoint: string): string =>
  kind === 'receipt' ? endpoint : new URL(`${kind}s`, endpoint).href;

/** POSTs `body`; `keepalive` lets the request finish if the patient closes the tab meanwhile. */
export const post = (url: string, body: string, keepalive: boolean): Promise<Response> =>
  fetch(url, { method: 'POST', body, keepalive, credentials: 'omit', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(TIMEOUT_MS) });
