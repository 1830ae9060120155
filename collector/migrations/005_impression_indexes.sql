-- Stats and rollups select impressions by receive time (today from raw rows, one day per rollup), which the
-- (site_id, day) index of 001 cannot serve: without these, every stats query scanned all impressions.
DROP INDEX IF EXISTS impressions_site_day;
CREATE INDEX impressions_site_received ON impressions (site_id, received_at);
CREATE INDEX impressions_received ON impressions (received_at);
