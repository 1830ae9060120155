-- Initial collector schema. No column holds an IP address or a user agent (issue 7, privacy).

CREATE TABLE sites (
  id                    text PRIMARY KEY,
  name                  text NOT NULL,
  origins               text[] NOT NULL DEFAULT '{}',
  consent_lifetime_days integer NOT NULL DEFAULT 365 CHECK (consent_lifetime_days BETWEEN 1 AND 3650),
  created_at            timestamptz NOT NULL DEFAULT now()
);

-- Tokens are stored as SHA-256 of the secret only; site_id NULL means an admin token.
CREATE TABLE api_tokens (
  id          bigserial PRIMARY KEY,
  site_id     text REFERENCES sites(id) ON DELETE CASCADE,
  token_hash  bytea NOT NULL UNIQUE,
  label       text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Public halves only; private keys live outside the database so a database writer cannot forge acknowledgments.
CREATE TABLE signing_keys (
  kid         text PRIMARY KEY,
  public_key  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE texts (
  hash        text PRIMARY KEY,
  body        jsonb NOT NULL,
  first_seen  timestamptz NOT NULL DEFAULT now()
);

-- seq is the append-only sequence the daily checkpoints hash over.
CREATE TABLE receipts (
  seq            bigserial UNIQUE NOT NULL,
  id             uuid PRIMARY KEY,
  site_id        text NOT NULL REFERENCES sites(id),
  consent_id     text NOT NULL,
  hash           text NOT NULL,
  prev_hash      text,
  chain_status   text NOT NULL CHECK (chain_status IN ('ok', 'pending', 'fork')),
  method         text NOT NULL,
  locale         text NOT NULL,
  policy_version text NOT NULL,
  device_class   text NOT NULL,
  text_hash      text NOT NULL,
  granted        text[] NOT NULL,
  denied         text[] NOT NULL,
  granted_svc    text[] NOT NULL,
  denied_svc     text[] NOT NULL,
  client_time    timestamptz NOT NULL,
  received_at    timestamptz NOT NULL,
  body           text NOT NULL,
  ack            jsonb NOT NULL
);
CREATE INDEX receipts_consent ON receipts (site_id, consent_id);
CREATE INDEX receipts_prev ON receipts (site_id, consent_id, prev_hash);
CREATE INDEX receipts_site_time ON receipts (site_id, received_at);
CREATE INDEX receipts_received ON receipts (received_at);

CREATE TABLE impressions (
  id             uuid PRIMARY KEY,
  site_id        text NOT NULL REFERENCES sites(id),
  day            date NOT NULL,
  locale         text NOT NULL,
  policy_version text NOT NULL,
  sdk_version    text NOT NULL,
  device_class   text NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX impressions_site_day ON impressions (site_id, day);

-- Daily rollups, rebuilt per completed day by the rollup job (never touched on ingest).
CREATE TABLE rollup_receipts (
  site_id        text NOT NULL,
  day            date NOT NULL,
  locale         text NOT NULL,
  policy_version text NOT NULL,
  device_class   text NOT NULL,
  method         text NOT NULL,
  n              bigint NOT NULL,
  n_opt_in       bigint NOT NULL,
  PRIMARY KEY (site_id, day, locale, policy_version, device_class, method)
);
CREATE TABLE rollup_items (
  site_id        text NOT NULL,
  day            date NOT NULL,
  locale         text NOT NULL,
  policy_version text NOT NULL,
  device_class   text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('category', 'service')),
  item           text NOT NULL,
  n_granted      bigint NOT NULL,
  n_total        bigint NOT NULL,
  PRIMARY KEY (site_id, day, locale, policy_version, device_class, kind, item)
);
CREATE TABLE rollup_impressions (
  site_id        text NOT NULL,
  day            date NOT NULL,
  locale         text NOT NULL,
  policy_version text NOT NULL,
  device_class   text NOT NULL,
  n              bigint NOT NULL,
  PRIMARY KEY (site_id, day, locale, policy_version, device_class)
);
-- watermark: the last day whose rollups are complete; stats read newer days from raw rows.
CREATE TABLE job_state (
  name       text PRIMARY KEY,
  watermark  date NOT NULL
);

CREATE TABLE checkpoints (
  day         date PRIMARY KEY,
  from_seq    bigint NOT NULL,
  to_seq      bigint NOT NULL,
  count       bigint NOT NULL,
  prev_hash   text,
  hash        text NOT NULL,
  kid         text NOT NULL,
  signature   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- What the purge removed: enough (seq, id, hash, prev) to keep chains and checkpoints verifiable.
CREATE TABLE tombstones (
  id          bigserial PRIMARY KEY,
  created_at  timestamptz NOT NULL,
  cutoff      timestamptz NOT NULL,
  entries     jsonb NOT NULL,
  hash        text NOT NULL,
  kid         text NOT NULL,
  signature   text NOT NULL
);
CREATE TABLE tombstone_entries (
  seq          bigint PRIMARY KEY,
  tombstone_id bigint NOT NULL REFERENCES tombstones(id),
  receipt_id   uuid NOT NULL,
  site_id      text NOT NULL,
  consent_id   text NOT NULL,
  hash         text NOT NULL,
  prev_hash    text,
  received_at  timestamptz NOT NULL
);
CREATE INDEX tombstone_entries_consent ON tombstone_entries (site_id, consent_id);

CREATE TABLE audit_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,
  site_id   text,
  detail    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_site ON audit_log (site_id, at);
