/**
 * The names of a site's categories and services in one language, read from the disclosure its receipts recorded
 * (texts.disclosure: what the preference center listed). Ids without a recorded name (receipts of earlier SDKs, a
 * language no patient saw) keep their id. Only reads; the dashboard escapes every name like any other text.
 */
import type { ShownTexts } from '../../../schema/types.js';
import type { Pool } from '../db/pool.js';

export interface ItemNames {
  readonly category: ReadonlyMap<string, string>;
  readonly service: ReadonlyMap<string, string>;
}

// How many of the site's latest receipts are looked at: enough to hold every language in use, few enough to stay
// one index range scan however many receipts the site has.
const RECENT = 1000;

/**
 * Names in `lang` ("ko" also takes "ko-KR" texts). Texts are weighed by how many of the latest receipts carry them,
 * newest first among equals: anyone can post a receipt with texts of their own, and one forged receipt must not
 * rename what the marketing team reads.
 */
export async function queryItemNames(pool: Pool, siteId: string, lang: string): Promise<ItemNames> {
  const { rows } = await pool.query<{ body: ShownTexts }>(
    `SELECT t.body
       FROM (SELECT text_hash, count(*) AS n, max(received_at) AS last
               FROM (SELECT text_hash, received_at FROM receipts WHERE site_id = $1 ORDER BY received_at DESC LIMIT ${RECENT}) recent
              GROUP BY text_hash) r
       JOIN texts t ON t.hash = r.text_hash
      WHERE t.body ? 'disclosure' AND (t.body->>'locale' = $2 OR t.body->>'locale' LIKE $2 || '-%')
      ORDER BY r.n DESC, r.last DESC`,
    [siteId, lang],
  );
  const category = new Map<string, string>();
  const service = new Map<string, string>();
  for (const { body } of rows) {
    for (const shown of body.disclosure ?? []) {
      if (!category.has(shown.id)) category.set(shown.id, shown.name);
      for (const item of shown.services) if (!service.has(item.id)) service.set(item.id, item.name);
    }
  }
  return { category, service };
}
