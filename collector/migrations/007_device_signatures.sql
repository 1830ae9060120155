-- Receipts signed by the patient's browser (schema version 2, issue 14): the signature is kept beside the body,
-- which stays exactly the canonical text that was hashed (and signed). NULL for unsigned (version 1) receipts.
ALTER TABLE receipts ADD COLUMN device_signature text;

-- ingest_receipts (004) and then, in the same transaction, each element's signature. Only onto the row that has
-- this very hash and no signature yet, so a conflicting resend under the same id can never sign another's row.
CREATE FUNCTION ingest_signed_receipts(p_batch jsonb)
RETURNS TABLE (r_index integer, r_outcome text, r_ack jsonb, r_status text, r_texts_known boolean)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT * FROM ingest_receipts(p_batch);
  UPDATE receipts r SET device_signature = b.value->>'signature'
    FROM jsonb_array_elements(p_batch) AS b
   WHERE b.value->>'signature' IS NOT NULL AND r.id = (b.value->>'id')::uuid AND r.hash = b.value->>'hash'
     AND r.device_signature IS NULL;
END;
$$;
