// The patient's view: the preference center lists their decisions (date, choice, policy version,
// received or waiting) and saves them as JSON, in their language.
import { readFileSync } from 'node:fs';
import { startEndpoint, type ReceiptEndpoint } from '../../support/receipt-endpoint.js';
import { expect, test } from '../support/clinic-page.js';
import { openClinic } from './support.js';

let endpoint: ReceiptEndpoint;
test.beforeEach(async () => {
  endpoint = await startEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

test('the preference center shows the history with delivery status and downloads it', async ({ context }) => {
  const { page, errors } = await openClinic(context, endpoint);
  await page.evaluate(() => window.ClinicConsent!.acceptAll());
  await expect.poll(() => endpoint.receipts.size).toBe(1);
  endpoint.down = true;
  await page.evaluate(() => window.ClinicConsent!.accept({ categories: ['analytics'] }));

  await page.evaluate(() => window.ClinicConsent!.openPreferences());
  await page.locator('clinic-consent [part~="history"] summary').click();
  const items = page.locator('clinic-consent ol.history li');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0), 'newest first, not yet received').toContainText('Saved my choices');
  await expect(items.nth(0)).toContainText('allowed: Analytics cookies');
  await expect(items.nth(0)).toContainText('waiting to be sent');
  await expect(items.nth(1)).toContainText('Accepted all');
  await expect(items.nth(1)).toContainText('privacy policy version 2024-05');
  await expect(items.nth(1)).toContainText('received by the clinic');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('clinic-consent [part~="download"]').click()]);
  const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { intact: boolean; receipts: { ack: unknown }[] };
  expect(saved.intact).toBe(true);
  expect(saved.receipts.map((entry) => entry.ack !== null).sort()).toEqual([false, true]);
  expect(errors).toEqual([]);
});

test('in Korean, the history speaks Korean', async ({ context }) => {
  const { page } = await openClinic(context, null, { locale: 'ko' });
  await page.evaluate(() => window.ClinicConsent!.rejectAll());
  await page.evaluate(() => window.ClinicConsent!.openPreferences());
  await page.locator('clinic-consent [part~="history"] summary').click();
  await expect(page.locator('clinic-consent ol.history li')).toContainText('모두 거부');
  await expect(page.locator('clinic-consent ol.history li')).toContainText('이 브라우저에만 보관됨');
});

test('on a Taiwan clinic\'s zh-TW page, the history reads the Traditional Chinese texts the banner chose', async ({ context }) => {
  // The site offers the regional tag, not the texts file's name: the history must take the texts file the
  // loader's language choice picked for it (zh-Hant), not look for one named zh-TW and fall back to English.
  const { page, errors } = await openClinic(context, null, { languages: ['zh-TW', 'en'], locale: 'zh-TW' });
  await page.evaluate(() => window.ClinicConsent!.rejectAll());
  await page.evaluate(() => window.ClinicConsent!.openPreferences());
  await expect(page.locator('clinic-consent #cc-record-title')).toHaveText('我的同意紀錄');
  const summary = page.locator('clinic-consent [part~="history"] summary');
  await expect(summary).toHaveText('我的同意歷程');
  await summary.click();
  await expect(page.locator('clinic-consent ol.history li')).toContainText('全部拒絕');
  await expect(page.locator('clinic-consent ol.history li')).toContainText('僅儲存在此瀏覽器中');
  expect(errors).toEqual([]);
});

for (const { locale, record, history, policy, cookie } of [
  { locale: 'ko', record: '현재 동의 상태', history: '지금까지의 선택 기록', policy: '개인정보 처리방침 버전', cookie: '쿠키' },
  { locale: 'ja', record: '現在の同意内容', history: 'これまでの選択の記録', policy: 'プライバシーポリシー', cookie: 'Cookie' },
]) {
  test(`in ${locale}, the record and the history have distinct headings, one spelling, and no italics`, async ({ context }) => {
    const { page } = await openClinic(context, null, { locale });
    await page.evaluate(() => window.ClinicConsent!.rejectAll());
    await page.evaluate(() => window.ClinicConsent!.openPreferences());
    await page.locator('clinic-consent [part~="history"] summary').click();
    const entry = page.locator('clinic-consent ol.history li');
    await expect(page.locator('clinic-consent #cc-record-title')).toHaveText(record);
    await expect(page.locator('clinic-consent [part~="history"] summary')).toHaveText(history);
    await expect(entry).toContainText(policy);
    await expect(entry).toContainText(cookie);
    // Italics read oddly in Korean and Japanese: no part of an entry is slanted.
    const slanted = await entry.evaluate((item) => [item, ...item.querySelectorAll('*')].some((node) => getComputedStyle(node).fontStyle !== 'normal'));
    expect(slanted).toBe(false);
    const dialogText = await page.locator('clinic-consent dialog').innerText();
    expect(dialogText).not.toMatch(locale === 'ko' ? /개인정보처리방침/ : /クッキー/);
  });
}
