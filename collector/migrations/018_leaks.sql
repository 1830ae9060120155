-- Leak reports (issue 19): trackers a clinic's pages requested before consent, per page and tracker, so the
-- dashboard shows where the markup must be fixed and shows the leak go once it is. A page is named by its path
-- prefix, or on a sensitive page only by the index of its rule in the SDK's tracking.sensitivePaths, never both.
CREATE TABLE leaks (
  site_id    text NOT NULL REFERENCES sites(id),
  path       text NOT NULL DEFAULT '',
  sensitive  integer NOT NULL DEFAULT -1,
  tracker    text NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen  timestamptz NOT NULL,
  PRIMARY KEY (site_id, path, sensitive, tracker),
  CHECK ((path = '') <> (sensitive < 0))
);

-- Browsers reporting each leak per UTC day (a browser reports a page at most once a day); only recent days are kept.
CREATE TABLE leak_days (
  site_id   text NOT NULL,
  path      text NOT NULL,
  sensitive integer NOT NULL,
  tracker   text NOT NULL,
  day       date NOT NULL,
  browsers  integer NOT NULL,
  PRIMARY KEY (site_id, path, sensitive, tracker, day),
  FOREIGN KEY (site_id, path, sensitive, tracker) REFERENCES leaks ON DELETE CASCADE
);

-- Ids of recent reports, so a resend from a browser's outbox is not counted twice; pruned as reports arrive.
CREATE TABLE leak_reports (
  id          uuid PRIMARY KEY,
  received_at timestamptz NOT NULL
);
CREATE INDEX leak_reports_received ON leak_reports (received_at);
