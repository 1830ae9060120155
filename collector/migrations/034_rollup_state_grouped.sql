-- The rollup job's latest-decision work (026) counted per decision (issue 17: the incremental run took 3.5 s for a
-- day of 111,111 receipts). Measured on the 10 M bench set, most of it was: the day's consent_state rows read twice
-- (once for rollup_state, once for rollup_state_items); their categories and services expanded row by row (333,000
-- rows from 111,000 decisions); and a sort that spilled to disk because the planner expected one row for a day its
-- statistics had not seen yet. Decisions repeat: a day has a few hundred distinct combinations of locale, policy,
-- device, method and granted/denied lists, not 100,000. Now the day's rows are read once and grouped by decision
-- first; both rollups are summed from those groups (weighted by their counts), and only the groups are expanded into
-- items. The fold of logged changes (026) does the same with its rows. Aggregation by hash is asked for (no sorts, not
-- even incremental ones on the index order), so a stale estimate cannot choose a sort that spills; the groups are few
-- whatever the day's size.
-- Same sums as before: every count of 026 is a sum over decisions, and summing per group then over groups is that sum.

CREATE OR REPLACE FUNCTION rollup_state_add(p_sites text[], p_zone text, p_from date, p_to date) RETURNS void
LANGUAGE plpgsql SET enable_sort = off SET enable_incremental_sort = off AS $$
BEGIN
  EXECUTE $q$
    WITH decisions AS MATERIALIZED (
      SELECT site_id, (received_at AT TIME ZONE $2)::date AS day, locale, policy_version, device_class, method,
             granted, denied, granted_svc, denied_svc, count(*) AS n
        FROM consent_state
       WHERE site_id = ANY($1) AND received_at >= $3::timestamp AT TIME ZONE $2 AND received_at < ($4 + 1)::timestamp AT TIME ZONE $2
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ), states AS (
      INSERT INTO rollup_state (site_id, day, locale, policy_version, device_class, method, n, n_opt_in)
      SELECT site_id, day, locale, policy_version, device_class, method, sum(n),
             coalesce(sum(n) FILTER (WHERE cardinality(granted) > 0 AND method <> 'withdraw'), 0)
        FROM decisions GROUP BY 1, 2, 3, 4, 5, 6
    )
    INSERT INTO rollup_state_items (site_id, day, locale, policy_version, device_class, kind, item, n_granted, n_total)
    SELECT d.site_id, d.day, d.locale, d.policy_version, d.device_class, x.kind, x.item, sum(x.granted * d.n), sum(d.n)
      FROM decisions d CROSS JOIN LATERAL consent_items(d.granted, d.denied, d.granted_svc, d.denied_svc) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7$q$ USING p_sites, p_zone, p_from, p_to;
END;
$$;

CREATE OR REPLACE FUNCTION rollup_state_fold(p_watermark date) RETURNS bigint LANGUAGE sql SET enable_sort = off SET enable_incremental_sort = off AS $$
  WITH gone AS (DELETE FROM consent_state_changes RETURNING *),
  rolled AS (
    SELECT g.site_id, (g.received_at AT TIME ZONE s.time_zone)::date AS day, g.locale, g.policy_version, g.device_class,
           g.method, g.granted, g.denied, g.granted_svc, g.denied_svc, sum(g.sign) AS n
      FROM gone g JOIN sites s ON s.id = g.site_id
     WHERE (g.received_at AT TIME ZONE s.time_zone)::date <= p_watermark
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  ),
  states AS (
    INSERT INTO rollup_state AS r (site_id, day, locale, policy_version, device_class, method, n, n_opt_in)
    SELECT site_id, day, locale, policy_version, device_class, method, sum(n),
           coalesce(sum(n) FILTER (WHERE cardinality(granted) > 0 AND method <> 'withdraw'), 0)
      FROM rolled GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (site_id, day, locale, policy_version, device_class, method)
    DO UPDATE SET n = r.n + EXCLUDED.n, n_opt_in = r.n_opt_in + EXCLUDED.n_opt_in),
  items AS (
    INSERT INTO rollup_state_items AS r (site_id, day, locale, policy_version, device_class, kind, item, n_granted, n_total)
    SELECT c.site_id, c.day, c.locale, c.policy_version, c.device_class, x.kind, x.item, sum(c.n * x.granted), sum(c.n)
      FROM rolled c CROSS JOIN LATERAL consent_items(c.granted, c.denied, c.granted_svc, c.denied_svc) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (site_id, day, locale, policy_version, device_class, kind, item)
    DO UPDATE SET n_granted = r.n_granted + EXCLUDED.n_granted, n_total = r.n_total + EXCLUDED.n_total)
  SELECT count(*) FROM gone
$$;
