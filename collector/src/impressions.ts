/**
 * Stores banner impressions (no consent id), once per impression id. The route checks origin and limits first.
 */
import type { ImpressionV1 } from '../../schema/types.js';
import type { Pool } from './db/pool.js';

/** Returns false for a resend of an impression already stored. */
export async function storeImpression(pool: Pool, impression: ImpressionV1, receivedAt: Date): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO impressions (id, site_id, day, locale, policy_version, sdk_version, device_class, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [impression.id, impression.siteId, impression.day, impression.locale, impression.policyVersion, impression.sdkVersion, impression.deviceClass, receivedAt],
  );
  return rowCount === 1;
}
