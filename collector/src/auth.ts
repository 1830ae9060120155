/**
 * API tokens and who a request acts for: tokens are random secrets stored only as SHA-256, resolved to a principal
 * that is the admin or exactly one site. The clinic API takes `Authorization: Bearer` only; the dashboard also
 * takes its session cookie (sessions.ts). `assertSiteAccess` keeps site A's token out of site B's data.
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

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook of the clinic API and the dashboard; null elsewhere. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The route answers without authentication (sign-in, sign-out). */
    public?: boolean;
  }
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

export interface TokenInfo {
  readonly id: string;
  readonly siteId: string | null;
  readonly label: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Tokens of one site, or of every site and the admins for `null`; never their secrets (only hashes are kept). */
export async function listTokens(pool: Pool, siteId: string | null): Promise<TokenInfo[]> {
  const { rows } = await pool.query<{ id: string; site_id: string | null; label: string; created_at: Date; revoked_at: Date | null }>(
    'SELECT id, site_id, label, created_at, revoked_at FROM api_tokens WHERE ($1::text IS NULL OR site_id = $1) ORDER BY id',
    [siteId],
  );
  return rows.map((row) => ({ id: String(row.id), siteId: row.site_id, label: row.label, createdAt: row.created_at.toISOString(), revokedAt: row.revoked_at?.toISOString() ?? null }));
}

/**
 * Revokes a token by id; its sessions end with it (a session is only valid while its token is). Returns the
 * token's site (null for an admin token), or undefined when there is no such live token.
 */
export async function revokeToken(pool: Pool, tokenId: string, now: Date): Promise<{ siteId: string | null } | undefined> {
  if (!/^\d{1,18}$/.test(tokenId)) return undefined;
  const { rows } = await pool.query<{ site_id: string | null }>('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING site_id', [tokenId, now]);
  if (!rows[0]) return undefined;
  await pool.query('UPDATE sessions SET ended_at = $2 WHERE token_id = $1 AND ended_at IS NULL', [tokenId, now]);
  return { siteId: rows[0].site_id };
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

/** The token from `Authorization: Bearer`, the only credential the JSON API takes. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

export async function authenticate(pool: Pool, request: FastifyRequest): Promise<Principal> {
  const token = bearerToken(request);
  const principal = token ? await resolveToken(pool, token) : undefined;
  if (!principal) throw new CollectorError('CC_ERR_UNAUTHORIZED');
  return principal;
}

/** The principal the authentication hook of the route's plugin set. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new CollectorError('CC_ERR_UNAUTHORIZED');
  return request.principal;
}

export function assertSiteAccess(principal: Principal, siteId: string): void {
  if (principal.siteId !== null && principal.siteId !== siteId) {
    throw new CollectorError('CC_ERR_FORBIDDEN', `this token belongs to site "${principal.siteId}"`);
  }
}

export function assertAdmin(principal: Principal): void {
  if (principal.siteId !== null) throw new CollectorError('CC_ERR_FORBIDDEN', 'only an admin token may do this');
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** Whether the request came for a loopback host name, where a cookie without `Secure` is acceptable. */
export const isLoopbackHost = (request: FastifyRequest): boolean => LOOPBACK.test(request.hostname) || request.hostname.endsWith('.localhost');

/**
 * Cross-site request forgery: a state-changing request must come from a page of this collector. `required`
 * (cookie-authenticated routes) refuses a missing Origin too; bearer routes only refuse a foreign one.
 */
export function checkOrigin(request: FastifyRequest, required: boolean): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  const origin = request.headers.origin;
  if (origin === undefined && !required) return;
  if (origin !== `${request.protocol}://${request.host}`) {
    throw new CollectorError('CC_ERR_CROSS_ORIGIN', origin ?? '(no Origin header)');
  }
}
