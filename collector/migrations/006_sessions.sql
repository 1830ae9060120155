-- Dashboard sessions (issue 14): the cookie holds a random session secret, never an API token; only its SHA-256
-- is stored. A session ends on logout, after idle or absolute expiry, or when its token is revoked.
CREATE TABLE sessions (
  id_hash       bytea PRIMARY KEY,
  token_id      bigint NOT NULL REFERENCES api_tokens(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  ended_at      timestamptz
);
CREATE INDEX sessions_token ON sessions (token_id);
