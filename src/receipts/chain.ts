// Checks the receipts kept in this browser: each one re-hashed from its canonical bytes, each
// linked to the one before it for the same consent id, the last one matching the chain head. Any
// edit, removal or reordering of a stored receipt shows up here. Pure apart from hashing.
import { receiptHashInput } from '../../schema/canonicalize.js';
import type { ConsentReceiptV1 } from '../../schema/types.js';
import { sha256Hex } from './crypto.js';

export interface ChainProblem {
  readonly consentId: string;
  /** The receipt where the chain breaks, when there is one to name. */
  readonly receiptId?: string;
  readonly reason: 'hash' | 'link' | 'head';
}

/**
 * Verifies one consent id's receipts, given in their stored order (oldest first) and the stored
 * head hash. Returns the first problem, or null when the chain is intact.
 */
export async function verifyChain(receipts: readonly ConsentReceiptV1[], head: string | null): Promise<ChainProblem | null> {
  let prev: string | null = null;
  for (const receipt of receipts) {
    const problem = (reason: ChainProblem['reason']): ChainProblem => ({ consentId: receipt.consentId, receiptId: receipt.id, reason });
    if ((await sha256Hex(receiptHashInput(receipt as unknown as Record<string, unknown>))) !== receipt.hash) return problem('hash');
    if (receipt.prev !== prev) return problem('link');
    prev = receipt.hash;
  }
  // A removed last receipt leaves every remaining link intact; only the head notices.
  if (prev !== head) return { consentId: receipts[0]?.consentId ?? '', reason: 'head' };
  return null;
}
