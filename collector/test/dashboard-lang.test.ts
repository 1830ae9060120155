// The dashboard in Japanese beside Korean and English: `?lang=ja`, or Accept-Language when no lang is
// given (by its q-values), with dates and numbers written the Japanese way (Intl).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth.js';
import { formatsFor, MESSAGES, pickLang, type Lang } from '../src/dashboard/i18n.js';
import { draft, post, seal, setup, SITE } from './helpers.js';

describe('pickLang', () => {
  it('takes ?lang= first, whatever the browser says', () => {
    expect(pickLang('ja', 'en-US,en;q=0.9')).toBe('ja');
    expect(pickLang('en', 'ja')).toBe('en');
  });

  it('ignores a lang it does not speak, and falls back to Accept-Language, then Korean', () => {
    expect(pickLang('fr', 'ja-JP')).toBe('ja');
    expect(pickLang('<script>', undefined)).toBe('ko');
    expect(pickLang('__proto__', undefined), 'not a key of an object prototype').toBe('ko');
    expect(pickLang(undefined, '')).toBe('ko');
  });

  it('reads Accept-Language by its q-values, skipping languages it does not speak', () => {
    expect(pickLang(undefined, 'ja-JP,ja;q=0.9,en-US;q=0.8')).toBe('ja');
    expect(pickLang(undefined, 'fr-FR,fr;q=0.9,ja;q=0.8,en;q=0.7')).toBe('ja');
    expect(pickLang(undefined, 'en;q=0.5, ja;q=0.8')).toBe('ja');
    expect(pickLang(undefined, 'zh-CN, EN-gb;q=0.3')).toBe('en');
    expect(pickLang(undefined, 'ja;q=0, en;q=0.1'), 'q=0 means "not this one"').toBe('en');
    expect(pickLang(undefined, '*')).toBe('ko');
  });
});

describe('formatsFor', () => {
  it('writes numbers, shares and instants in the language, in UTC', () => {
    const ja = formatsFor('ja');
    expect(ja.number(12345)).toBe('12,345');
    expect(ja.percent(0.4567)).toBe('45.7%');
    expect(ja.dateTime('2026-11-03T04:05:06.000Z')).toBe('2026/11/03 4:05:06 UTC');
    expect(formatsFor('en').dateTime('2026-11-03T04:05:06.000Z')).toBe('Nov 3, 2026, 4:05:06 AM UTC');
    expect(formatsFor('ko').dateTime('2026-11-03T04:05:06.000Z')).toContain('2026. 11. 3.');
  });

  it('shows a stored value that is not a date as it is', () => {
    expect(formatsFor('ja').dateTime('yesterday')).toBe('yesterday');
  });
});

describe('messages', () => {
  it('has every message in every language, none left in another language', () => {
    const keys = Object.keys(MESSAGES.ko).sort();
    for (const lang of ['en', 'ja'] as Lang[]) expect(Object.keys(MESSAGES[lang]).sort(), lang).toEqual(keys);
    const leftovers = (Object.keys(MESSAGES.ja) as (keyof typeof MESSAGES.ja)[]).filter((key) => MESSAGES.ja[key] === MESSAGES.en[key] || MESSAGES.ja[key] === MESSAGES.ko[key]);
    expect(leftovers).toEqual([]);
  });
});

describe('the dashboard pages in Japanese', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let token: string;
  const consentId = 'consent_shown_in_japanese_01';
  beforeAll(async () => {
    ctx = await setup();
    token = await createToken(ctx.pool, SITE);
    await post(ctx.app, '/v1/receipts', seal(draft({ consentId, clientTime: '2026-11-03T04:05:06.000Z' })));
  });
  afterAll(async () => {
    await ctx.app.close();
    await ctx.db.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  it('speaks Japanese with ?lang=ja, and offers the other two languages', async () => {
    const res = await get(`/dashboard/sites/${SITE}?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ja"');
    expect(res.body).toContain('同意率');
    expect(res.body).toContain('日別の同意率');
    expect(res.body).toContain('lang="ko">한국어</a>');
    expect(res.body).toContain('lang="en">English</a>');
    expect(res.body).not.toContain('lang="ja">日本語</a>');
  });

  it('speaks Japanese to a browser that asks for it, and Korean to one that asks for neither', async () => {
    const ja = await get(`/dashboard/sites/${SITE}`, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
    expect(ja.body).toContain('<html lang="ja"');
    const other = await get(`/dashboard/sites/${SITE}`, { 'accept-language': 'fr-FR' });
    expect(other.body).toContain('<html lang="ko"');
  });

  it('writes the proof page’s instants the Japanese way', async () => {
    const res = await get(`/dashboard/sites/${SITE}/consents?consentId=${consentId}&lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('同意記録の履歴');
    expect(res.body).toContain('2026/11/03 4:05:06 UTC');
  });
});
