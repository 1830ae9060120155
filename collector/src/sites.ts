/**
 * Registered clinic sites: creating them and a short-lived in-memory directory the ingest path reads, so a
 * receipt does not cost a sites query. Used by the CLI, the admin API and the routes; imports no route code.
 */
import { PATTERNS } from '../../schema/shapes.js';
import type { Pool } from './db/pool.js';
import { CollectorError } from './errors.js';
import { siteTimeZone } from './zone.js';

export interface Site {
  readonly id: string;
  readonly name: string;
  readonly origins: readonly string[];
  readonly consentLifetimeDays: number;
  /** IANA time zone of the clinic's days (dashboard, rollups); UTC for sites registered without one. */
  readonly timeZone?: string;
  readonly country?: string | null;
}

export interface NewSite {
  readonly id: string;
  readonly name?: string;
  readonly origins: readonly string[];
  readonly consentLifetimeDays?: number;
  /** ISO 3166-1 alpha-2; gives the time zone when `timeZone` is not set. */
  readonly country?: string;
  readonly timeZone?: string;
}

const SITE_ID = new RegExp(PATTERNS.siteId);

/** Normalises an origin the way browsers send it in the Origin header: scheme://host[:port], no path. */
export function normaliseOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new CollectorError('CC_ERR_QUERY', `origin "${origin}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CollectorError('CC_ERR_QUERY', `origin "${origin}" must be http or https`);
  }
  return url.origin;
}

interface SiteRow {
  id: string;
  name: string;
  origins: string[];
  consent_lifetime_days: number;
  time_zone: string;
  country: string | null;
}

const toSite = (row: SiteRow): Site => ({
  id: row.id,
  name: row.name,
  origins: row.origins,
  consentLifetimeDays: row.consent_lifetime_days,
  timeZone: row.time_zone,
  country: row.country,
});

export async function createSite(pool: Pool, site: NewSite): Promise<Site> {
  if (!SITE_ID.test(site.id)) throw new CollectorError('CC_ERR_QUERY', 'site id must be 2-63 characters of a-z, 0-9 and -');
  const lifetime = site.consentLifetimeDays ?? 365;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 3650) {
    throw new CollectorError('CC_ERR_QUERY', 'consentLifetimeDays must be an integer from 1 to 3650');
  }
  const origins = [...new Set(site.origins.map(normaliseOrigin))];
  const zone = siteTimeZone(site.timeZone, site.country);
  const { rows } = await pool.query<SiteRow>(
    `INSERT INTO sites (id, name, origins, consent_lifetime_days, country, time_zone) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING RETURNING *`,
    [site.id, site.name ?? site.id, origins, lifetime, site.country ?? null, zone],
  );
  const row = rows[0];
  if (!row) throw new CollectorError('CC_ERR_SITE_EXISTS', site.id);
  return toSite(row);
}

/** Creates the site or replaces its origins; used for the demo site, which must survive restarts unchanged. */
export async function upsertSite(pool: Pool, site: NewSite): Promise<Site> {
  const origins = [...new Set(site.origins.map(normaliseOrigin))];
  const zone = siteTimeZone(site.timeZone, site.country);
  const { rows } = await pool.query<SiteRow>(
    `INSERT INTO sites (id, name, origins, consent_lifetime_days, country, time_zone) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET origins = EXCLUDED.origins, name = EXCLUDED.name, country = EXCLUDED.country,
       time_zone = EXCLUDED.time_zone RETURNING *`,
    [site.id, site.name ?? site.id, origins, site.consentLifetimeDays ?? 365, site.country ?? null, zone],
  );
  return toSite(rows[0] as SiteRow);
}

/** Adds origins to a registered site (kept once each); CC_ERR_NOT_FOUND when there is no such site. */
export async function addOrigins(pool: Pool, id: string, origins: readonly string[]): Promise<Site> {
  const added = origins.map(normaliseOrigin);
  const { rows } = await pool.query<SiteRow>(
    `UPDATE sites SET origins = ARRAY(SELECT DISTINCT unnest(origins || $2::text[]) ORDER BY 1) WHERE id = $1 RETURNING *`,
    [id, added],
  );
  if (!rows[0]) throw new CollectorError('CC_ERR_NOT_FOUND', `site "${id}"`);
  return toSite(rows[0]);
}

/** Changes the time zone of a site's days (rollups of completed days keep the old days until rebuilt). */
export async function setTimeZone(pool: Pool, id: string, timeZone: string): Promise<Site> {
  const { rows } = await pool.query<SiteRow>('UPDATE sites SET time_zone = $2 WHERE id = $1 RETURNING *', [id, siteTimeZone(timeZone, undefined)]);
  if (!rows[0]) throw new CollectorError('CC_ERR_NOT_FOUND', `site "${id}"`);
  return toSite(rows[0]);
}

export async function listSites(pool: Pool): Promise<Site[]> {
  const { rows } = await pool.query<SiteRow>('SELECT * FROM sites ORDER BY id');
  return rows.map(toSite);
}

export async function getSite(pool: Pool, id: string): Promise<Site | undefined> {
  const { rows } = await pool.query<SiteRow>('SELECT * FROM sites WHERE id = $1', [id]);
  return rows[0] ? toSite(rows[0]) : undefined;
}

/** A cache of sites and origins with a short lifetime; a site added elsewhere is seen within `ttlMs`. */
export class SiteDirectory {
  private readonly sites = new Map<string, { site: Site | undefined; at: number }>();
  private readonly origins = new Map<string, { known: boolean; at: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly ttlMs = 5000,
  ) {}

  async get(id: string): Promise<Site | undefined> {
    const hit = this.sites.get(id);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.site;
    const site = SITE_ID.test(id) ? await getSite(this.pool, id) : undefined;
    if (this.sites.size > 10_000) this.sites.clear();
    this.sites.set(id, { site, at: Date.now() });
    return site;
  }

  /** Whether any site lists this origin: decides CORS for preflights, which carry no site id. */
  async isKnownOrigin(origin: string): Promise<boolean> {
    const hit = this.origins.get(origin);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.known;
    const { rows } = await this.pool.query('SELECT 1 FROM sites WHERE $1 = ANY(origins) LIMIT 1', [origin]);
    if (this.origins.size > 10_000) this.origins.clear();
    this.origins.set(origin, { known: rows.length > 0, at: Date.now() });
    return rows.length > 0;
  }

  invalidate(): void {
    this.sites.clear();
    this.origins.clear();
  }
}
