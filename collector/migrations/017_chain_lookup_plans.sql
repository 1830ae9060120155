-- Right plans from the first receipt. ingest_receipt's chain lookups (sibling, parent, pending children) filter
-- on site_id and consent_id. On a table never analyzed, receipts_site_time (site_id, received_at) costs the same to
-- the planner as receipts_prev (site_id, consent_id, prev_hash), and the first receipts' plans chose it and were
-- cached until autovacuum analyzed: every lookup then read the whole site. As a partial index whose predicate only
-- a query with a condition on received_at implies (all its users: stats and rollups), it is no longer a candidate for
-- those lookups, whatever the statistics say. (An ANALYZE of the empty tables after migrations would not do it:
-- with zero rows known, the cached plans become sequential scans.)
CREATE INDEX receipts_site_time_partial ON receipts (site_id, received_at) WHERE received_at IS NOT NULL;
DROP INDEX receipts_site_time;
ALTER INDEX receipts_site_time_partial RENAME TO receipts_site_time;
