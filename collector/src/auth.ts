/**
 * API tokens and who a request acts for: tokens are random secrets stored only as SHA-256, resolved to a principal
 * whose scope is the admin (every site), one site, or one group of sites (an agency's clinics). The clinic API
 * takes `Authorization: Bearer` only; the dashboard also takes its session cookie (sessions.ts). `assertSiteAccess`
 * keeps a token out of every site outside its scope.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Pool } from './db/pool.js';
import { CollectorError } from './errors.js';

/** What a token may read. There is deliberately no `siteId: null`-means-admin: every check names the kind. */
export type Scope =
  | { readonly kind: 'admin' }
  | { readonly kind: 'site'; readonly siteId: string }
  /** `siteIds`: the group's members when the request was authenticated. */
  | { readonly kind: 'group'; readonly groupId: string; readonly siteIds: readonly string[] };

export interface Principal {
  readonly tokenId: string;
  readonly scope: Scope;
}

/** The token's row as `TOKEN_SCOPE_SQL` selects it (alias `t` for api_tokens). */
export interface ScopeRow {
  readonly site_id: string | null;
  readonly group_id: string | null;
  readonly group_sites: string[] | null;
}

/** Select-list columns giving a token's scope, for a query over `api_tokens t` (tokens and sessions alike). */
export const TOKEN_SCOPE_SQL = `t.site_id, t.group_id,
  (SELECT array_agg(m.site_id ORDER BY m.site_id) FROM site_group_members m WHERE m.group_id = t.group_id) AS group_sites`;

export function scopeOf(row: ScopeRow): Scope {
  if (row.site_id !== null) return { kind: 'site', siteId: row.site_id };
  if (row.group_id !== null) return { kind: 'group', groupId: row.group_id, siteIds: row.group_sites ?? [] };
  return { kind: 'admin' };
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

/** What a new token is for: a site id, `{ groupId }` for a group of sites, or `null` for an admin token. */
export type TokenTarget = string | { readonly groupId: string } | null;

/** Creates a token and returns the secret, which is shown only once. */
export async function createToken(pool: Pool, target: TokenTarget, label = ''): Promise<string> {
  const kind = target === null ? 'admin' : typeof target === 'string' ? 'site' : 'group';
  const token = `cc_${kind}_${randomBytes(24).toString('base64url')}`;
  await pool.query('INSERT INTO api_tokens (site_id, group_id, token_hash, label) VALUES ($1, $2, $3, $4)', [
    typeof target === 'string' ? target : null,
    target !== null && typeof target === 'object' ? target.groupId : null,
    hashToken(token),
    label,
  ]);
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
  const { rows } = await pool.query<{ id: string } & ScopeRow>(`SELECT t.id, ${TOKEN_SCOPE_SQL} FROM api_tokens t WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, [
    hashToken(token),
  ]);
  const row = rows[0];
  return row ? { tokenId: String(row.id), scope: scopeOf(row) } : undefined;
}

export interface TokenInfo {
  readonly id: string;
  /** The token's site; null for an admin or group token. */
  readonly siteId: string | null;
  /** The token's group; null for an admin or site token. */
  readonly groupId: string | null;
  readonly label: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/**
 * The tokens a scope manages, never their secrets (only hashes are kept): the admin every token, a site its own,
 * a group its own and those of its sites.
 */
export async function listTokens(pool: Pool, scope: Scope): Promise<TokenInfo[]> {
  const { rows } = await pool.query<{ id: string; site_id: string | null; group_id: string | null; label: string; created_at: Date; revoked_at: Date | null }>(
    `SELECT id, site_id, group_id, label, created_at, revoked_at FROM api_tokens
      WHERE $1 = 'admin' OR ($1 = 'site' AND site_id = $2) OR ($1 = 'group' AND (group_id = $2 OR site_id = ANY($3::text[]))) ORDER BY id`,
    [scope.kind, scope.kind === 'site' ? scope.siteId : scope.kind === 'group' ? scope.groupId : null, scope.kind === 'group' ? scope.siteIds : []],
  );
  return rows.map((row) => ({
    id: String(row.id),
    siteId: row.site_id,
    groupId: row.group_id,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}

/** A token listing's scope in words, for the CLI. */
export const tokenScopeLabel = (token: TokenInfo): string => token.siteId ?? (token.groupId ? `group ${token.groupId}` : '(admin)');

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

/** The sites a principal may read; `null` for all (the admin). */
export function visibleSiteIds(principal: Principal): readonly string[] | null {
  const { scope } = principal;
  return scope.kind === 'admin' ? null : scope.kind === 'site' ? [scope.siteId] : scope.siteIds;
}

export const canReadSite = (principal: Principal, siteId: string): boolean => visibleSiteIds(principal)?.includes(siteId) ?? true;

/**
 * 403 for a site outside the token's scope, whether that site exists or not (checked before any lookup), so a
 * scoped token learns nothing about other clinics; the message names the token's own scope only.
 */
export function assertSiteAccess(principal: Principal, siteId: string): void {
  if (canReadSite(principal, siteId)) return;
  const { scope } = principal;
  throw new CollectorError('CC_ERR_FORBIDDEN', scope.kind === 'site' ? `this token belongs to site "${scope.siteId}"` : `this token reads only the sites of group "${scope.kind === 'group' ? scope.groupId : ''}"`);
}

export function assertAdmin(principal: Principal): void {
  if (principal.scope.kind !== 'admin') throw new CollectorError('CC_ERR_FORBIDDEN', 'only an admin token may do this');
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
