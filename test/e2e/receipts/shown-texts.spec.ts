// A receipt records the texts the patient read, handed over by the UI (UiHandle.shownTexts), not read
// back from whatever <clinic-consent> element the page holds first.
import type { ShownTexts } from '../../../schema/types.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic, readStore, storedReceipts } from './support.js';

test('the receipt of a banner decision keeps the banner\'s texts, whatever else the page holds', async ({ context }) => {
  // Regression (issue 12): receipts took document.querySelector('clinic-consent').locales, so an element
  // of that name earlier in the document (here in <head>) made every receipt record "no texts shown".
  const { page, errors } = await openClinic(context, null);
  await page.getByRole('button', { name: 'Accept all' }).waitFor();
  await page.evaluate(() => document.head.append(document.createElement('clinic-consent')));
  await page.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(async () => (await storedReceipts(page)).length, { message: 'the receipt is kept' }).toBe(1);
  const { receipt } = (await storedReceipts(page))[0]!;
  const texts = await readStore<{ texts: ShownTexts }>(page, `t:${receipt.textHash}`);
  expect(texts[0]?.texts.strings.acceptAll).toBe('Accept all');
  expect(texts[0]?.texts.strings['sdk.none'], 'not the stand-in of a decision without texts').toBeUndefined();
  expect(errors).toEqual([]);
});
