/**
 * Receipts for the ingest benchmark, built the way the SDK builds them (canonical hash, distinct consent ids).
 */
import { randomUUID } from 'node:crypto';
import { receiptHashInput } from '../../schema/canonicalize.js';
import { sha256Hex } from '../../collector/src/crypto/signer.js';

export const BENCH_SITE = 'bench-clinic';
export const BENCH_ORIGIN = 'https://bench.example';
/** The collector's limits in every ingest run: raised far above the load, but counted as they are in production. */
export const BENCH_RATE_LIMITS = { perClient: 1e9, perSite: 1e9, windowMs: 60_000 };

export function makeBodies(n: number, tag: string): string[] {
  const methods = ['accept-all', 'reject-all', 'preferences'] as const;
  return Array.from({ length: n }, (_, i) => {
    const receipt = {
      schema: 'clinic-consent/receipt/1',
      id: randomUUID(),
      consentId: `bench_${tag}_${i.toString(36).padStart(10, '0')}`,
      siteId: BENCH_SITE,
      policy: { url: `${BENCH_ORIGIN}/privacy`, version: '2024-03' },
      locale: i % 3 === 0 ? 'en' : 'ko',
      jurisdiction: 'KR',
      method: methods[i % 3],
      categories: { necessary: { granted: true, purpose: '운영' }, analytics: { granted: i % 3 !== 1, purpose: '분석' }, marketing: { granted: i % 3 === 0, purpose: '마케팅' } },
      services: { 'medisian-ads': { category: 'marketing', granted: i % 3 === 0, purpose: '마케팅 및 통계', thirdParty: 'Medisian Inc.', country: 'KR' } },
      clientTime: new Date().toISOString(),
      deviceClass: (['mobile', 'tablet', 'desktop'] as const)[i % 3],
      sdkVersion: '0.1.0',
      textHash: 'a'.repeat(64),
      prev: null,
    };
    return JSON.stringify({ ...receipt, hash: sha256Hex(receiptHashInput(receipt)) });
  });
}
