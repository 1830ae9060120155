/**
 * The audit log: who viewed the dashboard, looked up a proof, exported data or purged receipts. Rows are only ever
 * inserted. The actor is a token id, never a person's address.
 */
import type { Pool } from './db/pool.js';
import type { Principal } from './auth.js';

export type AuditAction =
  | 'dashboard.view'
  | 'stats.read'
  | 'stats.export'
  | 'overview.read'
  | 'proof.lookup'
  | 'proof.export'
  | 'audit.read'
  | 'site.create'
  | 'token.create'
  | 'token.revoke'
  | 'retention.purge';

export function actorOf(principal: Principal | 'system' | 'cli'): string {
  if (typeof principal === 'string') return principal;
  return `${principal.scope.kind}-token:${principal.tokenId}`;
}

export async function audit(
  pool: Pool,
  actor: string,
  action: AuditAction,
  siteId: string | null,
  detail: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  await pool.query('INSERT INTO audit_log (actor, action, site_id, detail) VALUES ($1, $2, $3, $4)', [actor, action, siteId, JSON.stringify(detail)]);
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly siteId: string | null;
  readonly detail: unknown;
}

/** The newest entries about the given sites, or about anything for `null` (the admin's whole log). */
export async function readAudit(pool: Pool, siteIds: readonly string[] | null, limit = 200): Promise<AuditEntry[]> {
  const { rows } = await pool.query<{ at: Date; actor: string; action: string; site_id: string | null; detail: unknown }>(
    `SELECT at, actor, action, site_id, detail FROM audit_log WHERE ($1::text[] IS NULL OR site_id = ANY($1)) ORDER BY id DESC LIMIT $2`,
    [siteIds, limit],
  );
  return rows.map((row) => ({ at: row.at.toISOString(), actor: row.actor, action: row.action, siteId: row.site_id, detail: row.detail }));
}
