-- Set-based ingest (issue 17): a batch of receipts is stored by a fixed handful of statements, whatever its size,
-- instead of ingest_receipt's ten or so statements per receipt (004, 007). The answers are those of ingest_receipt
-- applied one by one in the order of the per-consent lock keys, and the same per-consent advisory locks are taken
-- (all of them first, in key order), so this function and the older ones exclude each other during an upgrade:
--   * a receipt whose id is stored already: 'duplicate' with the stored ack and status if the hash is the same,
--     'conflict' otherwise; the first send of an id inside one batch is the one stored, later ones compare with it;
--   * a new receipt is 'fork' if a receipt of its consent with the same prev (NULL too) was stored before it, then
--     'ok' if its parent is stored (or in a tombstone) or it has none, else 'pending'; storing it makes its siblings
--     'fork' and its pending children 'ok'. Inside a batch, "before" is the batch order of that consent.
-- A batch answers with the status each new receipt had when it was stored (as one at a time would), while the
-- rows hold the status after the whole batch; a duplicate answers with the status after the batch.
-- A receipt id stored meanwhile under another consent's lock (so not excluded by ours) leaves the batch's chain
-- statuses unproven: the batch is refused with serialization_failure and the writer stores its receipts one by one.
--
-- Plans that cannot go wrong: every statement probes receipts by key for at most a batch of rows, so the right plan
-- is always nested loops over index scans, whatever the table's size or statistics. The function says so (no
-- sequential scans, hash or merge joins), so a generic plan cached while the table was small and never analyzed
-- cannot read the whole table once it has grown (the trap of migration 017). Planning each call afresh
-- (plan_cache_mode = force_custom_plan) would do too, but cost more than the rest of a batch of 64.

CREATE TYPE ingest_item AS (
  idx integer, lock_key bigint, id uuid, site_id text, consent_id text, hash text, prev_hash text, method text,
  locale text, policy_version text, device_class text, text_hash text, granted text[], denied text[],
  granted_svc text[], denied_svc text[], client_time timestamptz, received_at timestamptz, body text, ack jsonb,
  texts jsonb, signature text
);
-- A receipt of the batch that is stored by it: the status it answers with, and the one its row holds.
CREATE TYPE ingest_fresh AS (idx integer, id uuid, answer_status text, final_status text, sibling_stored boolean);

CREATE FUNCTION ingest_receipt_set(p_batch jsonb)
RETURNS TABLE (r_index integer, r_outcome text, r_ack jsonb, r_status text, r_texts_known boolean)
LANGUAGE plpgsql
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  v_items ingest_item[];
  v_fresh ingest_fresh[];
  v_stored integer;
BEGIN
  SELECT array_agg(ROW((e.ord - 1)::integer, hashtextextended(x."siteId" || ':' || x."consentId", 0), x.id, x."siteId",
           x."consentId", x.hash, x.prev, x.method, x.locale, x."policyVersion", x."deviceClass", x."textHash", x.granted,
           x.denied, x."grantedSvc", x."deniedSvc", x."clientTime", x."receivedAt", x.body, x.ack,
           NULLIF(x.texts, 'null'::jsonb), x.signature)::ingest_item)
    INTO v_items
    FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS e(v, ord),
         jsonb_to_record(e.v) AS x(id uuid, "siteId" text, "consentId" text, hash text, prev text, method text, locale text,
           "policyVersion" text, "deviceClass" text, "textHash" text, granted text[], denied text[], "grantedSvc" text[],
           "deniedSvc" text[], "clientTime" timestamptz, "receivedAt" timestamptz, body text, ack jsonb, texts jsonb,
           signature text);

  PERFORM pg_advisory_xact_lock(k.lock_key)
     FROM (SELECT DISTINCT i.lock_key FROM unnest(v_items) i ORDER BY 1) k;

  -- The first send of each id not stored yet, and its chain status before and after the batch.
  WITH fresh AS (
    SELECT DISTINCT ON (i.id) i.*
      FROM unnest(v_items) i
     WHERE NOT EXISTS (SELECT 1 FROM receipts r WHERE r.id = i.id)
     ORDER BY i.id, i.lock_key, i.idx
  ), linked AS (
    SELECT f.idx, f.id,
           CASE WHEN f.prev_hash IS NULL
             THEN EXISTS (SELECT 1 FROM receipts r WHERE r.site_id = f.site_id AND r.consent_id = f.consent_id AND r.prev_hash IS NULL)
             ELSE EXISTS (SELECT 1 FROM receipts r WHERE r.site_id = f.site_id AND r.consent_id = f.consent_id AND r.prev_hash = f.prev_hash)
           END AS sibling_stored,
           f.prev_hash IS NULL
             OR EXISTS (SELECT 1 FROM receipts r WHERE r.site_id = f.site_id AND r.consent_id = f.consent_id AND r.hash = f.prev_hash)
             OR EXISTS (SELECT 1 FROM tombstone_entries t WHERE t.site_id = f.site_id AND t.consent_id = f.consent_id AND t.hash = f.prev_hash)
             AS parent_stored,
           (SELECT min(g.idx) FROM fresh g WHERE g.site_id = f.site_id AND g.consent_id = f.consent_id
               AND g.prev_hash IS NOT DISTINCT FROM f.prev_hash AND g.idx <> f.idx) AS sibling_at,
           (SELECT min(g.idx) FROM fresh g WHERE g.site_id = f.site_id AND g.consent_id = f.consent_id AND g.hash = f.prev_hash) AS parent_at
      FROM fresh f
  )
  SELECT array_agg(ROW(l.idx, l.id,
           CASE WHEN l.sibling_stored OR l.sibling_at < l.idx THEN 'fork'
                WHEN l.parent_stored OR l.parent_at < l.idx THEN 'ok' ELSE 'pending' END,
           CASE WHEN l.sibling_stored OR l.sibling_at IS NOT NULL THEN 'fork'
                WHEN l.parent_stored OR l.parent_at IS NOT NULL THEN 'ok' ELSE 'pending' END,
           l.sibling_stored)::ingest_fresh)
    INTO v_fresh
    FROM linked l;
  v_fresh := coalesce(v_fresh, '{}');

  -- In lock-key order, so seq follows the order one-at-a-time storing would give.
  INSERT INTO receipts (id, site_id, consent_id, hash, prev_hash, chain_status, method, locale, policy_version,
    device_class, text_hash, granted, denied, granted_svc, denied_svc, client_time, received_at, body, ack, device_signature)
  SELECT i.id, i.site_id, i.consent_id, i.hash, i.prev_hash, f.final_status, i.method, i.locale, i.policy_version,
         i.device_class, i.text_hash, i.granted, i.denied, i.granted_svc, i.denied_svc, i.client_time, i.received_at,
         i.body, i.ack, i.signature
    FROM unnest(v_fresh) f JOIN unnest(v_items) i ON i.idx = f.idx
   ORDER BY i.lock_key, i.idx
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_stored = ROW_COUNT;
  IF v_stored < cardinality(v_fresh) THEN
    IF cardinality(v_fresh) > 1 THEN
      RAISE EXCEPTION 'a receipt id of this batch was stored meanwhile under another consent'
        USING ERRCODE = 'serialization_failure', HINT = 'store the batch''s receipts one by one';
    END IF;
    v_fresh := '{}';
  END IF;

  -- Stored siblings of the new receipts are forks now; stored children pending on them are verified.
  UPDATE receipts r SET chain_status = 'fork'
    FROM unnest(v_fresh) f JOIN unnest(v_items) i ON i.idx = f.idx
   WHERE f.sibling_stored AND i.prev_hash IS NOT NULL AND r.site_id = i.site_id AND r.consent_id = i.consent_id AND r.prev_hash = i.prev_hash
     AND r.id <> i.id AND r.chain_status <> 'fork';
  UPDATE receipts r SET chain_status = 'fork'
    FROM unnest(v_fresh) f JOIN unnest(v_items) i ON i.idx = f.idx
   WHERE f.sibling_stored AND i.prev_hash IS NULL AND r.site_id = i.site_id AND r.consent_id = i.consent_id AND r.prev_hash IS NULL
     AND r.id <> i.id AND r.chain_status <> 'fork';
  UPDATE receipts r SET chain_status = 'ok'
    FROM unnest(v_fresh) f JOIN unnest(v_items) i ON i.idx = f.idx
   WHERE r.site_id = i.site_id AND r.consent_id = i.consent_id AND r.prev_hash = i.hash AND r.chain_status = 'pending';

  -- A resend may bring the browser signature or the texts; only onto the row with this very hash (007).
  IF cardinality(v_fresh) < cardinality(v_items) THEN
    UPDATE receipts r SET device_signature = i.signature
      FROM unnest(v_items) i
     WHERE i.signature IS NOT NULL AND r.id = i.id AND r.hash = i.hash AND r.device_signature IS NULL;
  END IF;
  INSERT INTO texts (hash, body)
  SELECT DISTINCT ON (i.text_hash) i.text_hash, i.texts
    FROM unnest(v_items) i JOIN receipts r ON r.id = i.id AND r.hash = i.hash
   WHERE i.texts IS NOT NULL
   ORDER BY i.text_hash
  ON CONFLICT DO NOTHING;

  RETURN QUERY
  SELECT f.idx, 'new'::text, i.ack, f.answer_status, EXISTS (SELECT 1 FROM texts t WHERE t.hash = i.text_hash)
    FROM unnest(v_fresh) f JOIN unnest(v_items) i ON i.idx = f.idx;
  IF cardinality(v_fresh) < cardinality(v_items) THEN
    RETURN QUERY
    SELECT i.idx,
           CASE WHEN r.hash = i.hash THEN 'duplicate' ELSE 'conflict' END,
           CASE WHEN r.hash = i.hash THEN r.ack END,
           CASE WHEN r.hash = i.hash THEN r.chain_status END,
           CASE WHEN r.hash = i.hash THEN EXISTS (SELECT 1 FROM texts t WHERE t.hash = i.text_hash) END
      FROM unnest(v_items) i JOIN receipts r ON r.id = i.id
     WHERE NOT EXISTS (SELECT 1 FROM unnest(v_fresh) f WHERE f.idx = i.idx);
  END IF;
END;
$$;
