// The built-in catalog (catalog.ts) as the entries the guards act on. The loader hands them to
// resolveConfig, which lays the clinic's own entries (config `tracking.entries`) over them.
import type { TrackerEntry } from '../config/tracking.js';
import { CATALOG } from './catalog.js';

const words = (list = '') => (list ? list.split(' ') : []);

/** The built-in catalog as entries. */
export const catalogEntries = (): TrackerEntry[] =>
  CATALOG.map(([service, category, patterns, cookies, flags = '', markers]) => ({
    service,
    category,
    patterns: words(patterns),
    cookies: words(cookies),
    markers: words(markers),
    storage: [],
    google: flags.includes('g'),
    replay: flags.includes('r'),
  }));
