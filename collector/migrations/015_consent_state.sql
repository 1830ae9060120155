-- The latest decision of each consent id, kept at ingest by a trigger on receipts (whatever function stores them),
-- so the dashboard counts every consent id once, by where it stands now: an accept later withdrawn counts as a
-- withdrawal, not as consent. "Latest" is the newest browser time in the chain, then the newest arrival.
CREATE TABLE consent_state (
  site_id        text NOT NULL,
  consent_id     text NOT NULL,
  receipt_id     uuid NOT NULL,
  receipt_seq    bigint NOT NULL,
  method         text NOT NULL,
  locale         text NOT NULL,
  policy_version text NOT NULL,
  device_class   text NOT NULL,
  granted        text[] NOT NULL,
  denied         text[] NOT NULL,
  granted_svc    text[] NOT NULL,
  denied_svc     text[] NOT NULL,
  client_time    timestamptz NOT NULL,
  received_at    timestamptz NOT NULL,
  PRIMARY KEY (site_id, consent_id)
);
CREATE INDEX consent_state_site_time ON consent_state (site_id, received_at);

CREATE FUNCTION consent_state_from(p_site text, p_consent text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM consent_state WHERE site_id = p_site AND consent_id = p_consent;
  INSERT INTO consent_state
  SELECT r.site_id, r.consent_id, r.id, r.seq, r.method, r.locale, r.policy_version, r.device_class,
         r.granted, r.denied, r.granted_svc, r.denied_svc, r.client_time, r.received_at
    FROM receipts r WHERE r.site_id = p_site AND r.consent_id = p_consent
   ORDER BY r.client_time DESC, r.seq DESC LIMIT 1;
END;
$$;

CREATE FUNCTION consent_state_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO consent_state
  VALUES (NEW.site_id, NEW.consent_id, NEW.id, NEW.seq, NEW.method, NEW.locale, NEW.policy_version, NEW.device_class,
          NEW.granted, NEW.denied, NEW.granted_svc, NEW.denied_svc, NEW.client_time, NEW.received_at)
  ON CONFLICT (site_id, consent_id) DO UPDATE SET
    receipt_id = EXCLUDED.receipt_id, receipt_seq = EXCLUDED.receipt_seq, method = EXCLUDED.method,
    locale = EXCLUDED.locale, policy_version = EXCLUDED.policy_version, device_class = EXCLUDED.device_class,
    granted = EXCLUDED.granted, denied = EXCLUDED.denied, granted_svc = EXCLUDED.granted_svc,
    denied_svc = EXCLUDED.denied_svc, client_time = EXCLUDED.client_time, received_at = EXCLUDED.received_at
  -- A receipt that arrives late (sent from an outbox after a newer one) does not replace a newer decision.
  WHERE (consent_state.client_time, consent_state.receipt_seq) < (EXCLUDED.client_time, EXCLUDED.receipt_seq);
  RETURN NULL;
END;
$$;
CREATE TRIGGER receipts_consent_state AFTER INSERT ON receipts FOR EACH ROW EXECUTE FUNCTION consent_state_on_insert();

-- Retention purge removes old receipts: the consent id's state falls back to what is left, or goes.
CREATE FUNCTION consent_state_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM consent_state s WHERE s.site_id = OLD.site_id AND s.consent_id = OLD.consent_id AND s.receipt_id = OLD.id) THEN
    PERFORM consent_state_from(OLD.site_id, OLD.consent_id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER receipts_consent_state_delete AFTER DELETE ON receipts FOR EACH ROW EXECUTE FUNCTION consent_state_on_delete();

INSERT INTO consent_state
SELECT DISTINCT ON (site_id, consent_id) site_id, consent_id, id, seq, method, locale, policy_version, device_class,
       granted, denied, granted_svc, denied_svc, client_time, received_at
  FROM receipts ORDER BY site_id, consent_id, client_time DESC, seq DESC;

-- Days are the clinic's days: a time zone per site (IANA name), set when the site is registered (from --time-zone,
-- else from its country); sites registered before keep UTC days until `site set-zone` changes them.
ALTER TABLE sites ADD COLUMN country text CHECK (country ~ '^[A-Z]{2}$');
ALTER TABLE sites ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
