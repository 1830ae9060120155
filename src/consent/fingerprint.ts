// Fingerprints of what a patient is asked to agree to, per category: its purpose and, for each
// service, the third party, country, purpose and data sent. A changed fingerprint means that
// category must be asked again; the other categories keep their grants.
import type { ResolvedCategory, ResolvedConfig } from '../config/types.js';

/** cyrb53: a fast 53-bit string hash; change detection only, not security. */
export function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function categoryFingerprint(category: ResolvedCategory): string {
  const services = [...category.services]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((service) => [service.id, service.thirdParty, service.country, service.purpose, service.dataSent]);
  return hash(JSON.stringify([category.id, category.purpose, services]));
}

export function fingerprints(config: ResolvedConfig): Record<string, string> {
  return Object.fromEntries(config.categories.map((category) => [category.id, categoryFingerprint(category)]));
}

/** The consent version: one fingerprint over every category's, for receipts and the API. */
export function consentVersion(prints: Readonly<Record<string, string>>): string {
  return hash(JSON.stringify(Object.entries(prints).sort()));
}
