-- The latest decision of each consent id (015) is kept by one statement per INSERT instead of one per receipt
-- (issue 17): the per-row trigger ran a PL/pgSQL INSERT … ON CONFLICT for every stored receipt, about a third of
-- PostgreSQL's CPU per receipt in a batch of ingest_receipt_set (020). This statement-level trigger reads the rows the
-- INSERT stored (its transition table) and upserts each consent id once, with the newest of its new rows.
--
-- Same result as row by row: the state is the receipt with the greatest (client_time, seq) of the consent id, and
-- taking the greatest among the new rows first and then comparing it with the stored state gives that greatest too.
-- A receipt that arrives late (older browser time) still never replaces a newer decision. Deletes keep their
-- per-row trigger (015), which is rare work of the purge.

DROP TRIGGER receipts_consent_state ON receipts;
DROP FUNCTION consent_state_on_insert();

CREATE FUNCTION consent_state_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO consent_state
  SELECT DISTINCT ON (n.site_id, n.consent_id) n.site_id, n.consent_id, n.id, n.seq, n.method, n.locale,
         n.policy_version, n.device_class, n.granted, n.denied, n.granted_svc, n.denied_svc, n.client_time, n.received_at
    FROM stored_receipts n
   ORDER BY n.site_id, n.consent_id, n.client_time DESC, n.seq DESC
  ON CONFLICT (site_id, consent_id) DO UPDATE SET
    receipt_id = EXCLUDED.receipt_id, receipt_seq = EXCLUDED.receipt_seq, method = EXCLUDED.method,
    locale = EXCLUDED.locale, policy_version = EXCLUDED.policy_version, device_class = EXCLUDED.device_class,
    granted = EXCLUDED.granted, denied = EXCLUDED.denied, granted_svc = EXCLUDED.granted_svc,
    denied_svc = EXCLUDED.denied_svc, client_time = EXCLUDED.client_time, received_at = EXCLUDED.received_at
  WHERE (consent_state.client_time, consent_state.receipt_seq) < (EXCLUDED.client_time, EXCLUDED.receipt_seq);
  RETURN NULL;
END;
$$;
CREATE TRIGGER receipts_consent_state AFTER INSERT ON receipts REFERENCING NEW TABLE AS stored_receipts
  FOR EACH STATEMENT EXECUTE FUNCTION consent_state_on_insert();
