// The receipt of a decision on the demo site records the disclosure the preference center lists, in the page's
// language, and the collector's proof page lays it out as the patient saw it: categories, service names,
// recipients and cookies with their retention, not ids.
import type { ShownTexts } from '../../../schema/types.js';
import { expect, test } from '../support/clinic-page.js';
import { banner, openDemo, watchPage } from '../ui/helpers.js';
import { readStore, storedReceipts, useCollector } from './support.js';

const running = useCollector();

test('an "Accept all" on the Japanese banner records the disclosure, and the proof page shows its service names', async ({ page }) => {
  const collector = running();
  const { errors } = await watchPage(page);
  // The demo sends receipts to its own /v1/: hand them to the real collector (the page sees a same-origin answer).
  await page.route('**/v1/**', (route) => route.continue({ url: `${collector.url}${new URL(route.request().url()).pathname}` }));
  await openDemo(page, 'ja');
  await banner(page).getByRole('button', { name: 'すべて同意する' }).click();
  await expect.poll(async () => (await storedReceipts(page))[0]?.ack, { message: 'the collector acknowledged the receipt', timeout: 15_000 }).toBeTruthy();
  const [{ receipt }] = (await storedReceipts(page)) as [Awaited<ReturnType<typeof storedReceipts>>[number]];

  const [kept] = await readStore<{ texts: ShownTexts }>(page, `t:${receipt.textHash}`);
  const disclosure = kept?.texts.disclosure ?? [];
  expect(disclosure.map((category) => category.id), 'every category, in the order listed').toEqual(['necessary', 'analytics', 'marketing']);
  const website = disclosure[0]?.services[0];
  expect(website, 'the service as the Japanese preference center lists it').toMatchObject({
    id: 'clinic-website',
    name: 'ソウルハヌル医院ウェブサイト',
    thirdParty: 'ソウルハヌル医院（当院）',
    country: '韓国',
    cookies: [{ name: '__Host-cc_choice', retention: '12か月' }],
  });

  const proof = await fetch(`${collector.dashboardUrl}/sites/${collector.siteId}/consents?consentId=${encodeURIComponent(receipt.consentId)}&lang=ja`, {
    headers: { authorization: `Bearer ${collector.adminLogin}` },
  });
  expect(proof.status).toBe(200);
  const html = await proof.text();
  const shown = html.slice(html.indexOf('class="shown"'));
  for (const text of ['ソウルハヌル医院ウェブサイト', 'Medisian Analytics', 'Medisian Inc.', '__Host-cc_choice', '12か月']) {
    expect(shown, `the proof's texts shown name ${text}`).toContain(text);
  }
  expect(errors).toEqual([]);
});
