-- Stores many receipts in one transaction, so concurrent requests share one WAL flush (group commit) instead of
-- paying one fsync each. Each element goes through ingest_receipt unchanged; elements are taken in the order of
-- their per-consent lock key, so two batches touching the same consents cannot deadlock.
CREATE FUNCTION ingest_receipts(p_batch jsonb)
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
  END LOOP;
END;
$$;
