-- An agency runs many clinics: a group of sites, and API tokens scoped to a group, which read only its sites (the
-- member list is read at every request, so adding or removing a site takes effect at once, sessions included).
CREATE TABLE site_groups (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE site_group_members (
  group_id  text NOT NULL REFERENCES site_groups(id) ON DELETE CASCADE,
  site_id   text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, site_id)
);
CREATE INDEX site_group_members_site ON site_group_members (site_id);

-- A token is the admin's (both NULL), one site's, or one group's; never a site's and a group's at once.
ALTER TABLE api_tokens ADD COLUMN group_id text REFERENCES site_groups(id) ON DELETE CASCADE;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_one_scope CHECK (site_id IS NULL OR group_id IS NULL);
