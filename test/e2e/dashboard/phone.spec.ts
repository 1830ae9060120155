// A marketer checks the dashboard on a phone: at 375 px the page does not scroll sideways (only a chart does, inside
// its own region), and every label, SVG chart text included, is drawn at a readable size. Korean renders in a CJK
// font even on a machine without one (these have none): the real collector serves the Noto Sans KR web font.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startCollector, type RunningCollector } from '../../../collector/src/start.js';
import { statsPage } from '../../../collector/src/dashboard/render.js';
import type { Rates, StatsReport } from '../../../collector/src/stats/query.js';

const rates = (decisions: number, optIn: number, impressions: number): Rates => ({
  impressions, decisions, acceptAll: optIn, rejectAll: decisions - optIn, custom: 0, gpc: 0, withdrawals: 0, optIn,
  consentRate: decisions ? optIn / decisions : 0, acceptAllRate: decisions ? optIn / decisions : 0, rejectAllRate: decisions ? (decisions - optIn) / decisions : 0,
  customRate: 0, withdrawalRate: 0, noChoiceRate: impressions ? (impressions - decisions) / impressions : 0, empty: impressions === 0 && decisions === 0,
});

const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const report: StatsReport = {
  query: { siteId: 'seoul-skin', from: days[0]!, to: days.at(-1)! },
  timeZone: 'Asia/Seoul',
  watermark: '2026-11-29',
  totals: rates(120, 80, 300),
  byDay: days.map((key, i) => ({ key, ...(i % 7 === 3 ? rates(0, 0, 0) : rates(4, 3, 10)) })),
  byLocale: [{ key: 'ko', ...rates(90, 60, 200) }, { key: 'en', ...rates(20, 15, 70) }, { key: 'ja', ...rates(10, 5, 30) }],
  byPolicyVersion: [{ key: '2026-11-01', ...rates(120, 80, 300) }],
  byDeviceClass: [{ key: 'mobile', ...rates(100, 70, 250) }, { key: 'desktop', ...rates(20, 10, 50) }],
  items: [
    { kind: 'category', id: 'analytics', granted: 80, total: 120, rate: 80 / 120 },
    { kind: 'category', id: 'marketing', granted: 40, total: 120, rate: 40 / 120 },
    { kind: 'service', id: 'clinic-website-analytics-with-a-long-name', granted: 80, total: 120, rate: 80 / 120 },
  ],
};
const site = { id: 'seoul-skin', name: '서울하늘의원', origins: [], consentLifetimeDays: 365 };

let collector: RunningCollector;
let dataDir = '';
test.beforeAll(async () => {
  test.setTimeout(60_000);
  dataDir = mkdtempSync(join(tmpdir(), 'cc-dashboard-e2e-'));
  collector = await startCollector({ port: 0, dataDir });
});
test.afterAll(async () => {
  await collector?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

for (const lang of ['ko', 'en'] as const) {
  test(`dashboard at 375 px (${lang}): no sideways page scroll, readable labels`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    // The page as the collector renders it, on the collector's origin, so its font links reach the real font route.
    await page.goto(`${collector.url}/healthz`);
    await page.setContent(statsPage(lang, site, report, { locales: ['en', 'ja', 'ko'], policyVersions: ['2026-11-01'] }));
    await page.evaluate(() => document.fonts.ready);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const widest = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5 && !el.closest('.chart')).map((el) => `${el.tagName}.${el.className}`).slice(0, 5));
    expect(overflow, `the page itself never scrolls sideways (${widest.join(', ')})`).toBeLessThanOrEqual(0);
    const tiny = await page.evaluate(() => {
      const small: string[] = [];
      for (const element of document.querySelectorAll('main *')) {
        const own = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
        if (!own) continue;
        const box = element.getBoundingClientRect();
        const size = element instanceof SVGTextElement ? box.height : Number.parseFloat(getComputedStyle(element).fontSize);
        if (box.width > 0 && size < 9.5) small.push(`${element.tagName} "${element.textContent?.trim().slice(0, 30)}" ${size.toFixed(1)}px`);
      }
      return small;
    });
    expect(tiny, 'no text drawn below ~10 px').toEqual([]);
    await expect(page.locator('.chart').first(), 'a wide chart scrolls in its own keyboard-reachable region').toHaveAttribute('tabindex', '0');
    const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(family).toContain('Noto Sans KR');
    expect(family).toContain('Malgun Gothic');
    // The Hangul in the page was drawn with the web font (its unicode-range pieces were fetched and loaded).
    const hangul = await page.evaluate(async () => {
      await document.fonts.load('16px "Noto Sans KR"', '서울하늘의원 동의율');
      return [...document.fonts].some((face) => face.family.includes('Noto Sans KR') && face.status === 'loaded');
    });
    expect(hangul, 'Noto Sans KR loaded from the collector').toBe(true);
    if (lang === 'ko') {
      // Each unicode-range piece loads when first drawn: let the last ones (bold headings) arrive before the picture.
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      await page.waitForTimeout(500);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: 'docs/screenshots/dashboard-ko-375.png', fullPage: true });
    }
  });
}
