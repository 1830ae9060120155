/**
 * API tokens: created as random secrets, stored only as SHA-256, resolved to a principal that is either the admin
 * or exactly one site. `assertSiteAccess` is the single check that keeps site A's token out of site B's data.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Pool } from './db/pool.js';
import { CollectorError } from './errors.js';

export interface Principal {
  readonly tokenId: string;
  /** null for the admin, who may read every site. */
  readonly siteId: string | null;
}

export const SESSION_COOKIE = 'ccsess';

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Creates a token for `siteId` (or an admin token when null) and returns the secret, which is shown only once. */
export async function createToken(pool: Pool, siteId: string | null, label = ''): Promise<string> {
  const token = `cc_${siteId === null ? 'admin' : 'site'}_${randomBytes(24).toString('base64url')}`;
  await pool.query('INSERT INTO api_tokens (site_id, token_hash, label) VALUES ($1, $2, $3)', [siteId, hashToken(token), label]);
  return token;
}

/** Stores a known secret (e.g. ADMIN_TOKEN from the environment) as an admin token, once. */
export async function ensureAdminToken(pool: Pool, token: string, label: string): Promise<void> {
  await pool.query('INSERT INTO api_tokens (site_id, token_hash, label) VALUES (NULL, $1, $2) ON CONFLICT (token_hash) DO NOTHING', [
    hashToken(token),
    label,
  ]);
}

export async function resolveToken(pool: Pool, token: string): Promise<Principal | undefined> {
  if (token.length < 10 || token.length > 200) return undefined;
  const { rows } = await pool.query<{ id: string; site_id: string | null }>(
    'SELECT id, site_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashToken(token)],
  );
  const row = rows[0];
  return row ? { tokenId: String(row.id), siteId: row.site_id } : undefined;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      // A malformed escape (`%E0`) is no session: the caller answers 401, not 500 (issue 14).
      return undefined;
    }
  }
  return undefined;
}

/** The token from `Authorization: Bearer` or, for the dashboard, the session cookie. */
export function tokenFromRequest(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return readCookie(request.headers.cookie, SESSION_COOKIE);
}

export async function authenticate(pool: Pool, request: FastifyRequest): Promise<Principal> {
  const token = tokenFromRequest(request);
  const principal = token ? await resolveToken(pool, token) : undefined;
  if (!principal) throw new CollectorError('CC_ERR_UNAUTHORIZED');
  return principal;
}

export function assertSiteAccess(principal: Principal, siteId: string): void {
  if (principal.siteId !== null && principal.siteId !== siteId) {
    throw new CollectorError('CC_ERR_FORBIDDEN', `this token belongs to site "${principal.siteId}"`);
  }
}

export function assertAdmin(principal: Principal): void {
  if (principal.siteId !== null) throw new CollectorError('CC_ERR_FORBIDDEN', 'only an admin token may do this');
}
