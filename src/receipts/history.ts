// The patient's own view of the receipts kept in this browser: each decision with its date,
// choice, policy version and delivery status, every chain verified, and the full export they can
// download as their proof. Reads the receipt store only.
import type { ReceiptBackend, StoredReceipt } from '../storage/receipt-store.js';
import { verifyChain, type ChainProblem } from './chain.js';
import type { HistoryEntry, ReceiptHistory } from './types.js';

/** Each consent id's receipts in chain order, with the first problem found in each chain. */
async function chains(backend: ReceiptBackend): Promise<{ stored: StoredReceipt[]; problems: ChainProblem[] }> {
  const stored = (await backend.receipts()).sort((a, b) => a.seq - b.seq);
  const byConsent = new Map<string, StoredReceipt[]>();
  for (const entry of stored) byConsent.set(entry.receipt.consentId, [...(byConsent.get(entry.receipt.consentId) ?? []), entry]);
  const problems: ChainProblem[] = [];
  for (const [consentId, entries] of byConsent) {
    const head = await backend.head(consentId);
    const problem = await verifyChain(
      entries.map((entry) => entry.receipt),
      head?.hash ?? null,
    );
    if (problem) problems.push(problem);
  }
  return { stored, problems };
}

export async function readHistory(backend: ReceiptBackend, sent: boolean): Promise<ReceiptHistory> {
  const { stored, problems } = await chains(backend);
  const entries = stored
    .map(
      ({ receipt, ack, rejected }): HistoryEntry => ({
        receiptId: receipt.id,
        consentId: receipt.consentId,
        decidedAt: receipt.clientTime,
        method: receipt.method,
        policyVersion: receipt.policy.version,
        categories: Object.fromEntries(Object.entries(receipt.categories).map(([id, decision]) => [id, decision.granted])),
        status: rejected ? 'rejected' : ack ? 'acknowledged' : sent ? 'pending' : 'local',
        ...(ack ? { ack } : {}),
      }),
    )
    .sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : a.decidedAt > b.decidedAt ? -1 : 0));
  return { entries, intact: problems.length === 0, persistent: backend.persistent };
}

/** Everything kept, for the patient's download: receipts verbatim with the collector's acknowledgments. */
export async function exportHistory(backend: ReceiptBackend, siteId: string): Promise<string> {
  const { stored, problems } = await chains(backend);
  return JSON.stringify(
    {
      format: 'clinic-consent/receipts-export/1',
      siteId,
      exportedAt: new Date().toISOString(),
      intact: problems.length === 0,
      problems,
      receipts: stored.map(({ receipt, ack, chainStatus, rejected }) => ({ receipt, ack: ack ?? null, chainStatus: chainStatus ?? null, rejected: rejected ?? null })),
    },
    null,
    2,
  );
}
