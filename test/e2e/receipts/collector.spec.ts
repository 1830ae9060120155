// The happy path against the real collector (embedded PostgreSQL): a decision in the browser is
// stored, its texts are kept once, and the ack kept in the browser verifies with the published key.
import { verifyAck } from '../../../collector/src/crypto/acks.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic, storedReceipts, useCollector } from './support.js';

const running = useCollector();

test('a decision is stored by the collector and its signed ack verifies with the published key', async ({ context }) => {
  const collector = running();
  const { page, errors } = await openClinic(context, null, { siteId: collector.siteId, receiptEndpoint: `${collector.url}/v1/receipts` });
  await page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));
  await expect.poll(async () => (await storedReceipts(page))[0]?.ack, { message: 'the collector acknowledged it', timeout: 15_000 }).toBeTruthy();
  const [{ receipt, ack, chainStatus }] = (await storedReceipts(page)) as [Awaited<ReturnType<typeof storedReceipts>>[number]];
  expect(chainStatus).toBe('ok');
  expect(ack).toMatchObject({ receiptId: receipt.id, receiptHash: receipt.hash });

  // GET /v1/keys lists JWKs (OKP, Ed25519).
  const { keys } = (await (await fetch(collector.publicKeyUrl)).json()) as { keys: { kid: string; kty: string; crv: string; x: string }[] };
  const key = keys.find((candidate) => candidate.kid === ack!.kid)!;
  expect(verifyAck(key, ack!), 'the signature verifies').toBe(true);
  expect(errors).toEqual([]);
});
