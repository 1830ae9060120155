// A tampered local chain is detected: an edited receipt, a removed one (in the middle or at the
// end) and two swapped ones each fail the check, naming where.
import { describe, expect, it } from 'vitest';
import type { ConsentReceiptV1 } from '../../../schema/types.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import { consentVersion, fingerprints } from '../../../src/consent/fingerprint.js';
import { recordOf } from '../../../src/consent/rules.js';
import { draftReceipt, noTexts, seal, textHash } from '../../../src/receipts/build.js';
import { verifyChain } from '../../../src/receipts/chain.js';
import { clinicConfig } from '../../support/configs.js';

const config = resolveConfig(clinicConfig());
const prints = fingerprints(config);

async function chainOf(length: number): Promise<ConsentReceiptV1[]> {
  const chain: ConsentReceiptV1[] = [];
  const hashOfTexts = await textHash(noTexts('en'));
  for (let i = 0; i < length; i++) {
    const record = recordOf(config, prints, i % 2 ? {} : { categories: ['analytics'] }, i % 2 ? 'reject-all' : 'preferences', 'consent-id-0123456789', Date.UTC(2026, 0, 1, 0, i));
    const draft = draftReceipt(
      { config, sdkVersion: '0.1.0', deviceClass: 'desktop', pageUrl: 'https://clinic.example/', pageLocale: 'en' },
      { record, consentVersion: consentVersion(prints), shown: null },
      `00000000-0000-4000-8000-00000000000${i}`,
      hashOfTexts,
    );
    chain.push(await seal(draft, chain.at(-1)?.hash ?? null));
  }
  return chain;
}

describe('verifyChain', () => {
  it('passes an untouched chain', async () => {
    const chain = await chainOf(4);
    expect(await verifyChain(chain, chain.at(-1)!.hash)).toBeNull();
  });

  it('names a receipt whose content was edited', async () => {
    const chain = await chainOf(4);
    chain[1] = { ...chain[1]!, categories: { ...chain[1]!.categories, analytics: { granted: true, purpose: 'edited' } } };
    expect(await verifyChain(chain, chain.at(-1)!.hash)).toMatchObject({ receiptId: chain[1]!.id, reason: 'hash' });
  });

  it('names the receipt after one that was removed', async () => {
    const chain = await chainOf(4);
    const [first, , third, fourth] = chain;
    expect(await verifyChain([first!, third!, fourth!], fourth!.hash)).toMatchObject({ receiptId: third!.id, reason: 'link' });
  });

  it('notices a removed last receipt through the chain head', async () => {
    const chain = await chainOf(3);
    expect(await verifyChain(chain.slice(0, 2), chain[2]!.hash)).toMatchObject({ reason: 'head' });
  });

  it('notices two receipts swapped', async () => {
    const chain = await chainOf(3);
    expect(await verifyChain([chain[0]!, chain[2]!, chain[1]!], chain[1]!.hash)).toMatchObject({ receiptId: chain[2]!.id, reason: 'link' });
  });

  it('notices an edit whose hash was recomputed, at the next link', async () => {
    const chain = await chainOf(3);
    const edited = await seal({ ...chain[1]!, method: 'accept-all' }, chain[1]!.prev);
    expect(await verifyChain([chain[0]!, edited, chain[2]!], chain[2]!.hash)).toMatchObject({ receiptId: chain[2]!.id, reason: 'link' });
  });
});
