/**
 * Dashboard sessions: opaque random secrets handed out at sign-in, stored only as SHA-256, each tied to the API
 * token that signed in. A session ends at logout, after `idleMs` without a request, `maxMs` after sign-in, or when
 * its token is revoked. The cookie therefore never carries a token, and ending one is a row update.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from './db/pool.js';
import { scopeOf, TOKEN_SCOPE_SQL, type Principal, type ScopeRow } from './auth.js';

export interface SessionLimits {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  readonly maxMs: number;
}

const hashOf = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** Starts a session for the principal; returns the secret for the cookie. */
export async function createSession(pool: Pool, principal: Principal, limits: SessionLimits, now: Date): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO sessions (id_hash, token_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)', [
    hashOf(secret),
    principal.tokenId,
    now,
    new Date(now.getTime() + limits.maxMs),
  ]);
  return secret;
}

/** The principal of a live session, and its idle clock restarted; undefined for an ended or unknown one. */
export async function resumeSession(pool: Pool, secret: string, limits: SessionLimits, now: Date): Promise<Principal | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
  const { rows } = await pool.query<{ token_id: string } & ScopeRow>(
    `UPDATE sessions s SET last_seen_at = $2 FROM api_tokens t
      WHERE s.id_hash = $1 AND t.id = s.token_id AND s.ended_at IS NULL AND t.revoked_at IS NULL
        AND s.expires_at > $2 AND s.last_seen_at > $3
      RETURNING s.token_id, ${TOKEN_SCOPE_SQL}`,
    [hashOf(secret), now, new Date(now.getTime() - limits.idleMs)],
  );
  const row = rows[0];
  return row ? { tokenId: String(row.token_id), scope: scopeOf(row) } : undefined;
}

export async function endSession(pool: Pool, secret: string, now: Date): Promise<void> {
  await pool.query('UPDATE sessions SET ended_at = $2 WHERE id_hash = $1 AND ended_at IS NULL', [hashOf(secret), now]);
}
