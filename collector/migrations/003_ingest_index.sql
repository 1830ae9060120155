-- ingest_receipt, revised: the sibling lookup of 002 used IS NOT DISTINCT FROM, which cannot use the
-- (site_id, consent_id, prev_hash) index and so scanned every receipt; ingest slowed as the table grew.
-- Stores one receipt in a single round trip: idempotency, chain status, pending resolution and texts, all under a
-- per-consent advisory lock so a parent and its child arriving at once cannot both miss each other.
CREATE OR REPLACE FUNCTION ingest_receipt(
  p_id uuid, p_site text, p_consent text, p_hash text, p_prev text, p_method text, p_locale text,
  p_policy_version text, p_device_class text, p_text_hash text, p_granted text[], p_denied text[],
  p_granted_svc text[], p_denied_svc text[], p_client_time timestamptz, p_received_at timestamptz,
  p_body text, p_ack jsonb, p_texts jsonb)
RETURNS TABLE (r_outcome text, r_ack jsonb, r_status text, r_texts_known boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_hash text;
  v_ack jsonb;
  v_status text;
  v_sibling uuid;
  v_parent boolean;
  v_inserted boolean;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_site || ':' || p_consent, 0));
  SELECT r.hash, r.ack, r.chain_status INTO v_hash, v_ack, v_status FROM receipts r WHERE r.id = p_id;
  IF NOT FOUND THEN
    -- Two branches rather than IS NOT DISTINCT FROM, which no index can serve.
    IF p_prev IS NULL THEN
      SELECT r.id INTO v_sibling FROM receipts r
        WHERE r.site_id = p_site AND r.consent_id = p_consent AND r.prev_hash IS NULL LIMIT 1;
    ELSE
      SELECT r.id INTO v_sibling FROM receipts r
        WHERE r.site_id = p_site AND r.consent_id = p_consent AND r.prev_hash = p_prev LIMIT 1;
    END IF;
    v_parent := p_prev IS NULL
      OR EXISTS (SELECT 1 FROM receipts r WHERE r.site_id = p_site AND r.consent_id = p_consent AND r.hash = p_prev)
      OR EXISTS (SELECT 1 FROM tombstone_entries t WHERE t.site_id = p_site AND t.consent_id = p_consent AND t.hash = p_prev);
    v_status := CASE WHEN v_sibling IS NOT NULL THEN 'fork' WHEN v_parent THEN 'ok' ELSE 'pending' END;

    INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version,
      device_class, text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack)
    VALUES (p_id, p_site, p_consent, p_hash, p_prev, v_status, p_method, p_locale, p_policy_version,
      p_device_class, p_text_hash, p_granted, p_denied, p_granted_svc, p_denied_svc, p_client_time, p_received_at,
      p_body, p_ack)
    ON CONFLICT (id) DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;

    IF v_inserted THEN
      IF p_texts IS NOT NULL THEN
        INSERT INTO texts (hash, body) VALUES (p_text_hash, p_texts) ON CONFLICT DO NOTHING;
      END IF;
      IF v_sibling IS NOT NULL THEN
        UPDATE receipts SET chain_status = 'fork' WHERE id = v_sibling;
      END IF;
      -- Children that overtook this receipt were pending on it; their link is now verified.
      UPDATE receipts SET chain_status = 'ok'
        WHERE site_id = p_site AND consent_id = p_consent AND prev_hash = p_hash AND chain_status = 'pending';
      RETURN QUERY SELECT 'new'::text, p_ack, v_status,
        EXISTS (SELECT 1 FROM texts t WHERE t.hash = p_text_hash);
      RETURN;
    END IF;
    -- Same id inserted concurrently under another consent's lock: fall through to the comparison.
    SELECT r.hash, r.ack, r.chain_status INTO v_hash, v_ack, v_status FROM receipts r WHERE r.id = p_id;
  END IF;

  IF v_hash <> p_hash THEN
    RETURN QUERY SELECT 'conflict'::text, NULL::jsonb, NULL::text, NULL::boolean;
    RETURN;
  END IF;
  IF p_texts IS NOT NULL THEN
    INSERT INTO texts (hash, body) VALUES (p_text_hash, p_texts) ON CONFLICT DO NOTHING;
  END IF;
  RETURN QUERY SELECT 'duplicate'::text, v_ack, v_status, EXISTS (SELECT 1 FROM texts t WHERE t.hash = p_text_hash);
END;
$$;

-- (site_id, consent_id) is a prefix of receipts_prev; one index fewer to maintain on every insert.
DROP INDEX IF EXISTS receipts_consent;
