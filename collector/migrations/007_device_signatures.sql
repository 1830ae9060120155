-- Receipts signed by the patient's browser (schema version 2, issue 14): the signature is kept beside the body,
-- which stays exactly the canonical text that was hashed (and signed). NULL for unsigned (version 1) receipts.
ALTER TABLE receipts ADD COLUMN device_signature text;

-- ingest_receipts of 004, storing each element's signature in the same transaction as its row. Only onto the row
-- that has this very hash, so a conflicting resend under the same id can never sign someone else's row.
CREATE OR REPLACE FUNCTION ingest_receipts(p_batch jsonb)
RETURNS TABLE (r_index integer, r_outcome text, r_ack jsonb, r_status text, r_texts_known boolean)
LANGUAGE plpgsql AS $$
DECLARE
  e record;
BEGIN
  FOR e IN
    SELECT (b.ordinality - 1)::integer AS idx, b.value AS v
      FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b
     ORDER BY hashtextextended((b.value->>'siteId') || ':' || (b.value->>'consentId'), 0), b.ordinality
  LOOP
    RETURN QUERY SELECT e.idx, i.r_outcome, i.r_ack, i.r_status, i.r_texts_known FROM ingest_receipt(
      (e.v->>'id')::uuid, e.v->>'siteId', e.v->>'consentId', e.v->>'hash', e.v->>'prev', e.v->>'method', e.v->>'locale',
      e.v->>'policyVersion', e.v->>'deviceClass', e.v->>'textHash',
      ARRAY(SELECT jsonb_array_elements_text(e.v->'granted')), ARRAY(SELECT jsonb_array_elements_text(e.v->'denied')),
      ARRAY(SELECT jsonb_array_elements_text(e.v->'grantedSvc')), ARRAY(SELECT jsonb_array_elements_text(e.v->'deniedSvc')),
      (e.v->>'clientTime')::timestamptz, (e.v->>'receivedAt')::timestamptz, e.v->>'body', e.v->'ack',
      NULLIF(e.v->'texts', 'null'::jsonb)) AS i;
    IF e.v->>'signature' IS NOT NULL THEN
      UPDATE receipts SET device_signature = e.v->>'signature'
       WHERE id = (e.v->>'id')::uuid AND hash = e.v->>'hash' AND device_signature IS NULL;
    END IF;
  END LOOP;
END;
$$;
