/**
 * A clinic's days start at its midnight, not UTC's (a Seoul clinic's day would otherwise start at 09:00). A site's
 * time zone is given at registration or follows from its country where the country has a single zone.
 */
import { CollectorError } from './errors.js';

// Countries with one time zone, where the clinics this product serves are (and their neighbours).
const ZONE_OF_COUNTRY: Readonly<Record<string, string>> = {
  KR: 'Asia/Seoul', JP: 'Asia/Tokyo', CN: 'Asia/Shanghai', TW: 'Asia/Taipei', HK: 'Asia/Hong_Kong', MO: 'Asia/Macau',
  SG: 'Asia/Singapore', TH: 'Asia/Bangkok', VN: 'Asia/Ho_Chi_Minh', PH: 'Asia/Manila', MY: 'Asia/Kuala_Lumpur',
  AE: 'Asia/Dubai', IN: 'Asia/Kolkata', GB: 'Europe/London', IE: 'Europe/Dublin', FR: 'Europe/Paris', DE: 'Europe/Berlin',
  NZ: 'Pacific/Auckland',
};

/** True for an IANA zone name this Node knows (PostgreSQL knows the same names). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name);
  } catch {
    return false;
  }
}

/** The zone to store for a new site: the one given, else its country's, else UTC; names the problem otherwise. */
export function siteTimeZone(timeZone: string | undefined, country: string | undefined): string {
  if (timeZone !== undefined) {
    if (!isTimeZone(timeZone)) throw new CollectorError('CC_ERR_QUERY', `time zone "${timeZone}" is not an IANA name such as Asia/Seoul`);
    return timeZone;
  }
  if (country === undefined) return 'UTC';
  if (!/^[A-Z]{2}$/.test(country)) throw new CollectorError('CC_ERR_QUERY', `country "${country}" is not a two-letter ISO code such as KR`);
  const zone = ZONE_OF_COUNTRY[country];
  if (!zone) throw new CollectorError('CC_ERR_QUERY', `country ${country} has several time zones or none known here: give --time-zone`);
  return zone;
}
