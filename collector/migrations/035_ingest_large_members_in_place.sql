-- ingest_receipt_set (032) with the receipts' large members left in the batch's JSON until they are stored
-- (issue 17). The function's items are a composite array that most of its statements unnest, each copying every
-- item whole: with the body (the canonical text, ~0.8 KB), the ack (~0.7 KB) and any texts inside, about 2 KB a
-- receipt, copied again by every statement. Now the items carry what the chain checks, locks and answers use, and the
-- body, the ack and the texts are read from p_batch by the item's index (a jsonb array element is found by its
-- offset, not by a scan) where they are written: the insert, the texts and a new receipt's answer. Same answers,
-- same rows, same locks, same plans against `receipts`.

CREATE OR REPLACE FUNCTION ingest_receipt_set(p_batch jsonb)
RETURNS TABLE (r_index integer, r_outcome text, r_ack jsonb, r_status text, r_texts_known boolean)
LANGUAGE plpgsql
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  v_items ingest_item[];
  v_new ingest_new[];
  v_stored integer;
BEGIN
  SELECT array_agg(ROW((e.ord - 1)::integer, hashtextextended(x."siteId" || ':' || x."consentId", 0), x.id, x."siteId",
           x."consentId", x.hash, x.prev, x.method, x.locale, x."policyVersion", x."deviceClass", x."textHash", x.granted,
           x.denied, x."grantedSvc", x."deniedSvc", x."clientTime", x."receivedAt", NULL, NULL,
           NULL, x.signature)::ingest_item)
    INTO v_items
    FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS e(v, ord),
         jsonb_to_record(e.v) AS x(id uuid, "siteId" text, "consentId" text, hash text, prev text, method text, locale text,
           "policyVersion" text, "deviceClass" text, "textHash" text, granted text[], denied text[], "grantedSvc" text[],
           "deniedSvc" text[], "clientTime" timestamptz, "receivedAt" timestamptz, signature text);

  PERFORM pg_advisory_xact_lock(k.lock_key)
     FROM (SELECT DISTINCT i.lock_key FROM unnest(v_items) i ORDER BY 1) k;

  -- The first send of each id not stored yet, and its chain status before and after the batch.
  WITH fresh AS (
    SELECT DISTINCT ON (i.id) i.*
      FROM unnest(v_items) i
     WHERE NOT EXISTS (SELECT 1 FROM receipts r WHERE r.id = i.id)
     ORDER BY i.id, i.lock_key, i.idx
  ), linked AS (
    SELECT ROW(f.*)::ingest_item AS item, f.idx,
           CASE WHEN f.prev_hash IS NULL
             THEN EXISTS (SELECT 1 FROM receipts r WHERE r.site_id = f.site_id AND r.consent_id = f.consent_id AND r.prev_hash IS NULL)
             ELSE EXISTS (SELECT 1 FROM receipts r WHERE r.site_id = f.site_id AND r.consent_id = f.consent_id AND r.prev_hash = f.prev_hash)
           END AS sibling_stored,
           f.prev_hash IS NULL
             OR EXISTS (SELECT 1 FROM receipts r WHERE r.site_id = f.site_id AND r.consent_id = f.consent_id AND r.hash = f.prev_hash)
             OR EXISTS (SELECT 1 FROM tombstone_entries t WHERE t.site_id = f.site_id AND t.consent_id = f.consent_id AND t.hash = f.prev_hash)
             AS parent_stored,
           min(f.idx) OVER siblings AS first_sibling,
           count(*) OVER siblings AS siblings,
           CASE WHEN f.prev_hash IS NOT NULL THEN
             (SELECT min(g.idx) FROM fresh g WHERE g.site_id = f.site_id AND g.consent_id = f.consent_id AND g.hash = f.prev_hash)
           END AS parent_at
      FROM fresh f
    WINDOW siblings AS (PARTITION BY f.site_id, f.consent_id, f.prev_hash)
  )
  SELECT array_agg(ROW(l.item,
           CASE WHEN l.sibling_stored OR l.first_sibling < l.idx THEN 'fork'
                WHEN l.parent_stored OR l.parent_at < l.idx THEN 'ok' ELSE 'pending' END,
           CASE WHEN l.sibling_stored OR l.siblings > 1 THEN 'fork'
                WHEN l.parent_stored OR l.parent_at IS NOT NULL THEN 'ok' ELSE 'pending' END,
           l.sibling_stored)::ingest_new)
    INTO v_new
    FROM linked l;
  v_new := coalesce(v_new, '{}');

  -- In lock-key order, so seq follows the order one-at-a-time storing would give.
  INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version,
    device_class, text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack, device_signature)
  SELECT i.id, i.site_id, i.consent_id, i.hash, i.prev_hash, n.final_status, i.method, i.locale, i.policy_version,
         i.device_class, i.text_hash, i.granted, i.denied, i.granted_svc, i.denied_svc, i.client_time, i.received_at,
         p_batch -> i.idx ->> 'body', p_batch -> i.idx -> 'ack', i.signature
    FROM unnest(v_new) n CROSS JOIN LATERAL (SELECT (n.item).*) i
   ORDER BY i.lock_key, i.idx
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_stored = ROW_COUNT;
  IF v_stored < cardinality(v_new) THEN
    IF cardinality(v_new) > 1 THEN
      RAISE EXCEPTION 'a receipt id of this batch was stored meanwhile under another consent'
        USING ERRCODE = 'serialization_failure', HINT = 'store the batch''s receipts one by one';
    END IF;
    v_new := '{}';
  END IF;

  -- Stored siblings of the new receipts are forks now; stored children pending on them are verified.
  IF EXISTS (SELECT 1 FROM unnest(v_new) n WHERE n.sibling_stored) THEN
    UPDATE receipts r SET chain_status = 'fork'
      FROM unnest(v_new) n CROSS JOIN LATERAL (SELECT (n.item).*) i
     WHERE n.sibling_stored AND i.prev_hash IS NOT NULL AND r.site_id = i.site_id AND r.consent_id = i.consent_id
       AND r.prev_hash = i.prev_hash AND r.id <> i.id AND r.chain_status <> 'fork';
    UPDATE receipts r SET chain_status = 'fork'
      FROM unnest(v_new) n CROSS JOIN LATERAL (SELECT (n.item).*) i
     WHERE n.sibling_stored AND i.prev_hash IS NULL AND r.site_id = i.site_id AND r.consent_id = i.consent_id
       AND r.prev_hash IS NULL AND r.id <> i.id AND r.chain_status <> 'fork';
  END IF;
  UPDATE receipts r SET chain_status = 'ok'
    FROM unnest(v_new) n CROSS JOIN LATERAL (SELECT (n.item).*) i
   WHERE r.site_id = i.site_id AND r.consent_id = i.consent_id AND r.prev_hash = i.hash AND r.chain_status = 'pending';

  -- A resend may bring the browser signature or the texts; only onto the row with this very hash (007).
  IF cardinality(v_new) < cardinality(v_items) THEN
    UPDATE receipts r SET device_signature = i.signature
      FROM unnest(v_items) i
     WHERE i.signature IS NOT NULL AND r.id = i.id AND r.hash = i.hash AND r.device_signature IS NULL;
  END IF;
  INSERT INTO texts (hash, body)
  SELECT DISTINCT ON (i.text_hash) i.text_hash, t.texts
    FROM unnest(v_items) i JOIN receipts r ON r.id = i.id AND r.hash = i.hash
   CROSS JOIN LATERAL (SELECT NULLIF(p_batch -> i.idx -> 'texts', 'null'::jsonb) AS texts) t
   WHERE t.texts IS NOT NULL
   ORDER BY i.text_hash
  ON CONFLICT DO NOTHING;

  RETURN QUERY
  SELECT (n.item).idx, 'new'::text, p_batch -> (n.item).idx -> 'ack', n.answer_status, EXISTS (SELECT 1 FROM texts t WHERE t.hash = (n.item).text_hash)
    FROM unnest(v_new) n;
  IF cardinality(v_new) < cardinality(v_items) THEN
    RETURN QUERY
    SELECT i.idx,
           CASE WHEN r.hash = i.hash THEN 'duplicate' ELSE 'conflict' END,
           CASE WHEN r.hash = i.hash THEN r.ack END,
           CASE WHEN r.hash = i.hash THEN r.chain_status END,
           CASE WHEN r.hash = i.hash THEN EXISTS (SELECT 1 FROM texts t WHERE t.hash = i.text_hash) END
      FROM unnest(v_items) i JOIN receipts r ON r.id = i.id
     WHERE NOT EXISTS (SELECT 1 FROM unnest(v_new) n WHERE (n.item).idx = i.idx);
  END IF;
END;
$$;
