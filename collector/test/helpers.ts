// Test helpers: a fresh database per test file, an app on it, and receipts built the way the SDK must build them.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';
import { canonicalize, receiptHashInput } from '../../schema/canonicalize.js';
import type { ConsentReceiptV1, ImpressionV1, ShownTexts } from '../../schema/types.js';
import { buildApp } from '../src/app.js';
import { generateSigner, sha256Hex, type Signer } from '../src/crypto/signer.js';
import { migrate } from '../src/db/migrate.js';
import { createPool, type Pool } from '../src/db/pool.js';
import type { AppOptions } from '../src/options.js';
import { createSite } from '../src/sites.js';

export interface TestDb {
  readonly pool: Pool;
  readonly url: string;
  close(): Promise<void>;
}

/** Creates an empty, migrated database of its own on the shared test cluster. */
export async function createTestDb(): Promise<TestDb> {
  const base = inject('pgUrl');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/postgres$/, `/${name}`);
  const pool = createPool(url, 20);
  await migrate(pool);
  return { pool, url, close: () => pool.end() };
}

export const ORIGIN = 'https://clinic.example';
export const SITE = 'demo-clinic';

/** A database of its own with the test site registered (receipts need their site: a foreign key). */
export async function createSiteDb(): Promise<TestDb> {
  const db = await createTestDb();
  await createSite(db.pool, { id: SITE, origins: [ORIGIN] });
  return db;
}

export async function setup(options: Partial<AppOptions> = {}, db?: TestDb) {
  const database = db ?? (await createTestDb());
  const signer: Signer = options.signer ?? generateSigner();
  await createSite(database.pool, { id: SITE, origins: [ORIGIN] }).catch(() => undefined);
  const app = await buildApp({ pool: database.pool, signer, rateLimit: false, ...options });
  return { db: database, app, signer, pool: database.pool };
}

export const TEXTS: ShownTexts = {
  locale: 'ko',
  strings: { 'banner.title': '쿠키 사용 안내', 'banner.body': '분석 및 마케팅 목적의 쿠키를 사용합니다.' },
};
export const TEXT_HASH = sha256Hex(canonicalize(TEXTS));

type Draft = Omit<ConsentReceiptV1, 'hash' | 'id' | 'prev'> & { id?: string; prev?: string | null };

export function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    schema: 'clinic-consent/receipt/1',
    consentId: 'c_0123456789abcdefXYZ',
    siteId: SITE,
    policy: { url: 'https://clinic.example/privacy', version: '2024-03' },
    locale: 'ko',
    jurisdiction: 'KR',
    method: 'accept-all',
    categories: {
      necessary: { granted: true, purpose: '사이트 운영' },
      analytics: { granted: true, purpose: '방문 빈도, 방문 시간 분석' },
      marketing: { granted: true, purpose: '이벤트 안내' },
    },
    services: {
      'medisian-ads': { category: 'marketing', granted: true, purpose: '마케팅 및 통계', thirdParty: 'Medisian Inc.', country: 'KR' },
    },
    clientTime: '2026-11-23T09:00:00.000Z',
    deviceClass: 'mobile',
    sdkVersion: '0.1.0',
    textHash: TEXT_HASH,
    ...overrides,
  };
}

/** Finishes a draft into a receipt: id, chain link and the hash over the canonical bytes. */
export function seal(d: Draft, prev: string | null = d.prev ?? null): ConsentReceiptV1 {
  const withoutHash = { ...d, id: d.id ?? randomUUID(), prev };
  const hash = sha256Hex(receiptHashInput(withoutHash as unknown as Record<string, unknown>));
  return { ...withoutHash, hash } as ConsentReceiptV1;
}

/** A chain of `n` receipts for one consent id. */
export function chain(n: number, overrides: Partial<Draft> = {}): ConsentReceiptV1[] {
  const receipts: ConsentReceiptV1[] = [];
  let prev: string | null = null;
  const methods = ['accept-all', 'preferences', 'reject-all', 'withdraw'] as const;
  for (let i = 0; i < n; i++) {
    const receipt = seal(draft({ method: methods[i % methods.length], clientTime: `2026-11-23T09:0${i % 10}:00.000Z`, ...overrides }), prev);
    receipts.push(receipt);
    prev = receipt.hash;
  }
  return receipts;
}

export function impression(overrides: Partial<ImpressionV1> = {}): ImpressionV1 {
  return {
    schema: 'clinic-consent/impression/1',
    id: randomUUID(),
    siteId: SITE,
    day: '2026-11-23',
    locale: 'ko',
    policyVersion: '2024-03',
    sdkVersion: '0.1.0',
    deviceClass: 'mobile',
    ...overrides,
  };
}

export function post(app: Awaited<ReturnType<typeof setup>>['app'], url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The value, or a failed test naming what was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be present`);
  return value;
}

/** A port on 127.0.0.1 that another server holds (for the "port in use" cases); `close` frees it. */
export async function takenPort(): Promise<{ port: number; close(): void }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const address = holder.address();
  return { port: address && typeof address === 'object' ? address.port : 0, close: () => holder.close() };
}
