// Names from the record itself: the dashboard names categories and services as the site's receipts recorded them
// (texts.disclosure, what the preference center listed), in the dashboard's language, and keeps the id where no
// receipt recorded a name (receipts of earlier SDKs). The proof page lays the disclosure out as the patient saw it.
// Texts come from browsers, so a hostile one renders as text and one receipt cannot rename what the team reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../schema/canonicalize.js';
import type { ShownCategory, ShownTexts } from '../../schema/types.js';
import { createToken } from '../src/auth.js';
import { sha256Hex } from '../src/crypto/signer.js';
import { draft, post, seal, setup, SITE, TEXTS } from './helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function disclosed(locale: string, disclosure: readonly ShownCategory[]): ShownTexts {
  return { locale, strings: { bannerTitle: '쿠키 사용 안내', acceptAll: '모두 동의', services: '서비스 {n}개', recipient: '받는 자', cookies: '쿠키', retention: '보관 기간' }, disclosure };
}

const korean = (services: string): ShownCategory[] => [
  { id: 'necessary', name: '필수 쿠키', services: [] },
  { id: 'analytics', name: '분석 쿠키', description: '방문 분석', services: [] },
  { id: 'marketing', name: '마케팅 쿠키', services: [{ id: 'medisian-ads', name: services, thirdParty: 'Medisian Inc.', country: '대한민국', cookies: [{ name: '_fbp', retention: '90일' }] }] },
];

let ctx: Awaited<ReturnType<typeof setup>>;
let token: string;
beforeAll(async () => {
  ctx = await setup();
  token = await createToken(ctx.pool, SITE);
});
afterAll(async () => {
  await ctx.app.close();
  await ctx.db.close();
});

const page = async (url: string): Promise<string> => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode, url).toBe(200);
  return res.body;
};
const barLabels = (html: string): string[] => [...html.matchAll(/<span class="bar-label">([^<]*)<\/span>/g)].map((match) => match[1] ?? '');

async function send(consentId: string, texts: ShownTexts): Promise<void> {
  const res = await post(ctx.app, '/v1/receipts', { ...seal(draft({ consentId, textHash: sha256Hex(canonicalize(texts)) })), texts });
  expect(res.statusCode, res.body).toBe(201);
}

describe('the dashboard names categories and services', () => {
  it('by their ids while the site has only receipts without a disclosure (earlier SDKs)', async () => {
    await send('disclosure_old_sdk_000001', TEXTS);
    expect(barLabels(await page(`/dashboard/sites/${SITE}?lang=ko`))).toEqual(expect.arrayContaining(['analytics', 'marketing', 'medisian-ads']));
  });

  it('by the names its receipts recorded, in the dashboard language, keeping ids in a language none was recorded in', async () => {
    for (const n of [1, 2, 3]) await send(`disclosure_korean_00000${n}`, disclosed('ko', korean('메디시안 마케팅')));
    const ko = barLabels(await page(`/dashboard/sites/${SITE}?lang=ko`));
    expect(ko).toEqual(expect.arrayContaining(['분석 쿠키', '마케팅 쿠키', '메디시안 마케팅']));
    expect(ko).not.toContain('medisian-ads');
    expect(barLabels(await page(`/dashboard/sites/${SITE}?lang=ja`)), 'no Japanese disclosure recorded').toEqual(expect.arrayContaining(['analytics', 'medisian-ads']));
  });

  it('in the CSV too, beside the ids, in the language asked for', async () => {
    const csv = await page(`/v1/sites/${SITE}/stats.csv?table=services&lang=ko`);
    expect(csv.slice(1).split('\r\n')[0]).toBe('서비스,이름,허용한 동의 ID,질문받은 동의 ID,허용률(%)');
    expect(csv).toMatch(/\r\nmedisian-ads,메디시안 마케팅,\d+,\d+,/);
    expect(await page(`/v1/sites/${SITE}/stats.csv?table=categories&lang=ja`), 'no Japanese disclosure recorded').toMatch(/\r\nanalytics,analytics,/);
  });

  it('by what most recent receipts recorded: one receipt with texts of its own renames nothing, and its markup stays text', async () => {
    await send('disclosure_forged_000001', disclosed('ko', korean(HOSTILE)));
    const html = await page(`/dashboard/sites/${SITE}?lang=ko`);
    expect(barLabels(html)).toContain('메디시안 마케팅');
    expect(html).not.toContain('<img src=x');
  });
});

describe('the proof page', () => {
  it('shows the banner texts, then each category with its services, recipient, cookies and retention', async () => {
    const html = await page(`/dashboard/sites/${SITE}/consents?consentId=disclosure_korean_000001&lang=ko`);
    const shown = html.slice(html.indexOf('<div class="shown"'), html.indexOf('<details>', html.indexOf('<div class="shown"')));
    const order = ['쿠키 사용 안내', '모두 동의', '필수 쿠키', '분석 쿠키', '방문 분석', '마케팅 쿠키', '서비스 1개', '메디시안 마케팅', '받는 자', 'Medisian Inc.', '_fbp', '보관 기간', '90일'];
    const at = order.map((text) => shown.indexOf(text));
    expect(at.every((index) => index >= 0), `all of ${order.join(', ')} in ${shown}`).toBe(true);
    expect(at, 'in the order the patient saw them').toEqual([...at].sort((a, b) => a - b));
    expect(html, 'raw JSON one click away').toMatch(/<details><summary>[^<]+<\/summary><pre>/);
  });

  it('renders a hostile disclosure as text, never as HTML', async () => {
    const html = await page(`/dashboard/sites/${SITE}/consents?consentId=disclosure_forged_000001&lang=ko`);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toContain('<img src=x');
  });

  it('still shows a receipt without a disclosure the way it did', async () => {
    const html = await page(`/dashboard/sites/${SITE}/consents?consentId=disclosure_old_sdk_000001&lang=ko`);
    expect(html).toContain('쿠키 사용 안내');
    expect(html).not.toContain('shown-category');
  });
});
