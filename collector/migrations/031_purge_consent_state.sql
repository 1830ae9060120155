-- The retention purge removes receipts by the thousand per statement; 015's row trigger recomputed a consent id's
-- latest decision once per removed receipt that was it (a delete and an insert-select each, about half the time of a
-- purge batch). This statement trigger does the same for the whole batch at once: every consent id whose latest
-- receipt went falls back to the newest receipt left of it, or goes. A batch touches a few thousand of millions of
-- consent ids: each must be one index probe. Left to itself the planner hashed the batch against a sequential scan
-- of all of consent_state (purge-plans.test.ts), so hash and merge joins are off inside this function only.
CREATE FUNCTION consent_state_on_delete_set() RETURNS trigger LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  v_sites text[];
  v_consents text[];
  v_ids uuid[];
BEGIN
  SELECT array_agg(site_id), array_agg(consent_id), array_agg(id) INTO v_sites, v_consents, v_ids FROM gone;
  IF v_ids IS NULL THEN
    RETURN NULL;
  END IF;
  WITH hit AS (
    DELETE FROM consent_state s USING unnest(v_sites, v_consents, v_ids) AS g(site_id, consent_id, id)
     WHERE s.site_id = g.site_id AND s.consent_id = g.consent_id AND s.receipt_id = g.id
    RETURNING s.site_id, s.consent_id)
  SELECT array_agg(site_id), array_agg(consent_id) INTO v_sites, v_consents FROM hit;
  IF v_sites IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO consent_state
  SELECT DISTINCT ON (r.site_id, r.consent_id) r.site_id, r.consent_id, r.id, r.seq, r.method, r.locale, r.policy_version,
         r.device_class, r.granted, r.denied, r.granted_svc, r.denied_svc, r.client_time, r.received_at
    FROM unnest(v_sites, v_consents) AS h(site_id, consent_id)
    JOIN receipts r ON r.site_id = h.site_id AND r.consent_id = h.consent_id
   ORDER BY r.site_id, r.consent_id, r.client_time DESC, r.seq DESC;
  RETURN NULL;
END;
$$;

DROP TRIGGER receipts_consent_state_delete ON receipts;
CREATE TRIGGER receipts_consent_state_delete AFTER DELETE ON receipts REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION consent_state_on_delete_set();
-- The row-by-row pair it replaces.
DROP FUNCTION consent_state_on_delete();
DROP FUNCTION consent_state_from(text, text);
