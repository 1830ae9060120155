/**
 * Groups of sites: an agency's clinics, read together by a group-scoped token (auth.ts) on the dashboard's
 * overview, the stats, the exports and the proofs of its sites only. Used by the CLI; imports no route code.
 */
import { PATTERNS } from '../../schema/shapes.js';
import type { Pool } from './db/pool.js';
import { CollectorError } from './errors.js';

export interface SiteGroup {
  readonly id: string;
  readonly name: string;
  readonly siteIds: readonly string[];
}

// A group id follows the site id rule, so it is as safe in a URL, a file name and a log line.
const GROUP_ID = new RegExp(PATTERNS.siteId);

export async function createGroup(pool: Pool, id: string, name = id): Promise<SiteGroup> {
  if (!GROUP_ID.test(id)) throw new CollectorError('CC_ERR_QUERY', 'group id must be 2-63 characters of a-z, 0-9 and -');
  const { rowCount } = await pool.query('INSERT INTO site_groups (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, name]);
  if (rowCount === 0) throw new CollectorError('CC_ERR_QUERY', `group "${id}" exists already`);
  return { id, name, siteIds: [] };
}

/** Adds registered sites to a group (each once); names the first unknown site or group instead. */
export async function addGroupSites(pool: Pool, groupId: string, siteIds: readonly string[]): Promise<SiteGroup> {
  const known = await pool.query<{ id: string }>('SELECT id FROM sites WHERE id = ANY($1)', [siteIds]);
  const missing = siteIds.find((id) => !known.rows.some((row) => row.id === id));
  if (missing !== undefined) throw new CollectorError('CC_ERR_NOT_FOUND', `site "${missing}"`);
  await groupOrFail(pool, groupId);
  await pool.query('INSERT INTO site_group_members (group_id, site_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [groupId, siteIds]);
  return groupOrFail(pool, groupId);
}

/** Takes sites out of a group: its tokens and their dashboard sessions stop seeing them at the next request. */
export async function removeGroupSites(pool: Pool, groupId: string, siteIds: readonly string[]): Promise<SiteGroup> {
  await pool.query('DELETE FROM site_group_members WHERE group_id = $1 AND site_id = ANY($2)', [groupId, siteIds]);
  return groupOrFail(pool, groupId);
}

/** Every group, or only the one with id `only`. */
export async function listGroups(pool: Pool, only: string | null = null): Promise<SiteGroup[]> {
  const { rows } = await pool.query<{ id: string; name: string; site_ids: string[] }>(
    `SELECT g.id, g.name, coalesce(array_agg(m.site_id ORDER BY m.site_id) FILTER (WHERE m.site_id IS NOT NULL), '{}') AS site_ids
       FROM site_groups g LEFT JOIN site_group_members m ON m.group_id = g.id WHERE ($1::text IS NULL OR g.id = $1) GROUP BY g.id ORDER BY g.id`,
    [only],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, siteIds: row.site_ids }));
}

async function groupOrFail(pool: Pool, groupId: string): Promise<SiteGroup> {
  const [group] = await listGroups(pool, groupId);
  if (!group) throw new CollectorError('CC_ERR_NOT_FOUND', `group "${groupId}"`);
  return group;
}
