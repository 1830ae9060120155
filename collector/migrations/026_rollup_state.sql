-- Daily rollups of latest decisions (issue 17): a 90-day report over millions of consent ids reads a few thousand
-- rollup rows instead of aggregating one consent_state row per consent id.
--
-- rollup_state / rollup_state_items count, per site and day (of the site's zone, by received_at), the consent_state
-- rows of that day as the rollup job saw them. A consent_state row that changes afterwards (its consent id decides
-- again, a purge falls back to an older receipt) would leave those counts stale. Ingest must not queue on shared
-- counter rows, so it only appends: a trigger copies each row that leaves consent_state (update or delete) into
-- consent_state_changes with sign -1, and each row that enters it with a received_at already in the past (a purge's
-- fallback, a receipt stored late) with sign +1. So for every rolled-up day, at any snapshot:
--   rows of consent_state on that day = rollup + sum(sign) of the day's changes.
-- The stats read rollup + changes for days up to the watermark and consent_state itself after it, in one snapshot;
-- the rollup job, in one REPEATABLE READ snapshot, deletes the changes it sees, adds those of rolled-up days into
-- the rollups, and builds the new days from consent_state (src/jobs/rollup.ts).
--
-- A row entering with a recent received_at (every receipt stored as it arrives) is not logged: its day is after the
-- watermark (a day is rolled up only 10 minutes after it ended, ROLLUP_GRACE_MS), so the stats read it raw until the
-- job builds its day from consent_state. "Recent" is 5 minutes here, under that grace.

-- The shapes of 001's receipt rollups (rollup_items itself is no longer written or read: rates per item are by
-- latest decision).
CREATE TABLE rollup_state (LIKE rollup_receipts INCLUDING ALL);
CREATE TABLE rollup_state_items (LIKE rollup_items INCLUDING ALL);

-- Append-only between rollup runs; the job empties what it has seen. No key: nothing looks a row up.
CREATE TABLE consent_state_changes (sign smallint NOT NULL CHECK (sign IN (-1, 1)), LIKE consent_state);
CREATE INDEX consent_state_changes_site_time ON consent_state_changes (site_id, received_at);

-- The categories and services a decision names, each once: granted (1) or not (0). A withdrawal denies all it names.
CREATE FUNCTION consent_items(p_granted text[], p_denied text[], p_granted_svc text[], p_denied_svc text[])
RETURNS TABLE (kind text, item text, granted integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'category', unnest(p_granted), 1 UNION ALL SELECT 'category', unnest(p_denied), 0
  UNION ALL SELECT 'service', unnest(p_granted_svc), 1 UNION ALL SELECT 'service', unnest(p_denied_svc), 0
$$;

CREATE FUNCTION consent_state_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO consent_state_changes SELECT -1, OLD.*;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.received_at < clock_timestamp() - interval '5 minutes' THEN
    INSERT INTO consent_state_changes SELECT 1, NEW.*;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER consent_state_left AFTER UPDATE OR DELETE ON consent_state
  FOR EACH ROW EXECUTE FUNCTION consent_state_log_change();
-- New consent ids are most of ingest: the condition keeps the function call off their path.
CREATE TRIGGER consent_state_entered_late AFTER INSERT ON consent_state
  FOR EACH ROW WHEN (NEW.received_at < clock_timestamp() - interval '5 minutes') EXECUTE FUNCTION consent_state_log_change();

-- Adds the consent_state rows of days p_from..p_to (of zone p_zone) of the sites p_sites into the rollups. EXECUTE
-- plans each call with its values, so the (site_id, received_at) range is planned for its real size.
CREATE FUNCTION rollup_state_add(p_sites text[], p_zone text, p_from date, p_to date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE $q$
    INSERT INTO rollup_state (site_id, day, locale, policy_version, device_class, method, n, n_opt_in)
    SELECT site_id, (received_at AT TIME ZONE $2)::date, locale, policy_version, device_class, method, count(*),
           count(*) FILTER (WHERE cardinality(granted) > 0 AND method <> 'withdraw')
      FROM consent_state
     WHERE site_id = ANY($1) AND received_at >= $3::timestamp AT TIME ZONE $2 AND received_at < ($4 + 1)::timestamp AT TIME ZONE $2
     GROUP BY 1, 2, 3, 4, 5, 6$q$ USING p_sites, p_zone, p_from, p_to;
  EXECUTE $q$
    INSERT INTO rollup_state_items (site_id, day, locale, policy_version, device_class, kind, item, n_granted, n_total)
    SELECT c.site_id, (c.received_at AT TIME ZONE $2)::date, c.locale, c.policy_version, c.device_class, x.kind, x.item,
           sum(x.granted), count(*)
      FROM consent_state c CROSS JOIN LATERAL consent_items(c.granted, c.denied, c.granted_svc, c.denied_svc) x
     WHERE c.site_id = ANY($1) AND c.received_at >= $3::timestamp AT TIME ZONE $2 AND c.received_at < ($4 + 1)::timestamp AT TIME ZONE $2
     GROUP BY 1, 2, 3, 4, 5, 6, 7$q$ USING p_sites, p_zone, p_from, p_to;
END;
$$;

-- Empties consent_state_changes of the rows this snapshot sees and adds those of days up to p_watermark (each row's
-- day in its site's zone) into the rollups; the others are of days not rolled up yet, which are built from
-- consent_state afterwards. Run under the rollup lock in a REPEATABLE READ transaction (src/jobs/rollup.ts): a change
-- committed after its snapshot stays for the next run. Returns the number of rows removed.
CREATE FUNCTION rollup_state_fold(p_watermark date) RETURNS bigint LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM consent_state_changes RETURNING *),
  seen AS (SELECT g.*, (g.received_at AT TIME ZONE s.time_zone)::date AS day FROM gone g JOIN sites s ON s.id = g.site_id),
  rolled AS (SELECT * FROM seen WHERE day <= p_watermark),
  states AS (
    INSERT INTO rollup_state AS r (site_id, day, locale, policy_version, device_class, method, n, n_opt_in)
    SELECT site_id, day, locale, policy_version, device_class, method, sum(sign),
           coalesce(sum(sign) FILTER (WHERE cardinality(granted) > 0 AND method <> 'withdraw'), 0)
      FROM rolled GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (site_id, day, locale, policy_version, device_class, method)
    DO UPDATE SET n = r.n + EXCLUDED.n, n_opt_in = r.n_opt_in + EXCLUDED.n_opt_in),
  items AS (
    INSERT INTO rollup_state_items AS r (site_id, day, locale, policy_version, device_class, kind, item, n_granted, n_total)
    SELECT c.site_id, c.day, c.locale, c.policy_version, c.device_class, x.kind, x.item, sum(c.sign * x.granted), sum(c.sign)
      FROM rolled c CROSS JOIN LATERAL consent_items(c.granted, c.denied, c.granted_svc, c.denied_svc) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (site_id, day, locale, policy_version, device_class, kind, item)
    DO UPDATE SET n_granted = r.n_granted + EXCLUDED.n_granted, n_total = r.n_total + EXCLUDED.n_total)
  SELECT count(*) FROM gone
$$;

-- A collector that has rolled up before: its rolled-up days get their decisions now, in this transaction, which
-- holds consent_state's trigger lock (taken by CREATE TRIGGER above) so no decision changes meanwhile.
DO $$
DECLARE
  v_zone record;
  v_watermark date := (SELECT watermark FROM job_state WHERE name = 'rollup');
BEGIN
  IF v_watermark IS NOT NULL THEN
    FOR v_zone IN SELECT time_zone, array_agg(id) AS ids FROM sites GROUP BY time_zone LOOP
      PERFORM rollup_state_add(v_zone.ids, v_zone.time_zone, '1970-01-01', v_watermark);
    END LOOP;
  END IF;
END;
$$;
ANALYZE rollup_state;
ANALYZE rollup_state_items;
