// Where the choice lives: IndexedDB (the store of record, through idb-keyval; the only module
// that touches it) mirrored by the choice cookie (read synchronously at start). When IndexedDB is
// unavailable, blocked or holds a broken record, the cookie and memory carry on, and that is said once.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { ResolvedConfig } from '../config/types.js';
import { isRecord } from '../consent/record.js';
import type { ConsentRecord } from '../consent/types.js';
import { report } from '../errors.js';
import { CHOICE_COOKIE, encodeChoice, HOST_CHOICE_COOKIE, readChoice, type CookieChoice } from './choice-cookie.js';
import { timed } from './timeout.js';

const KEY = 'choice';

export interface DatabaseRead {
  readonly record: ConsentRecord | null;
  /** False when IndexedDB could not be used; the cookie and memory carry the choice. */
  readonly available: boolean;
}

export interface ChoiceStorage {
  /** The cookie's choice, synchronously; null when absent, malformed or ambiguous. */
  readCookie(): CookieChoice | null;
  /** Whether two records hold the same choice (dates, versions, grants), as the cookie would write them. */
  sameChoice(a: ConsentRecord, b: ConsentRecord): boolean;
  /**
   * Host-only, as `__Host-cc_choice` on a secure origin; shared across subdomains only when the
   * config names `cookieDomain` (such a cookie can then only deny until each host's IndexedDB confirms it).
   */
  writeCookie(record: ConsentRecord): void;
  /** Starts reading IndexedDB now, for the next readDatabase() (while the config is still being checked). */
  prefetch(): void;
  /** The IndexedDB record: the prefetched read if one is waiting, else a new read. */
  readDatabase(): Promise<DatabaseRead>;
  /** Writes the record to the cookie and, when it can, to IndexedDB. Never rejects. */
  write(record: ConsentRecord): Promise<void>;
}

// A closure rather than a class, as the consent store: the minifier may shorten the names of its private state.
export function createChoiceStorage(config: ResolvedConfig): ChoiceStorage {
  let database: UseStore | null = null;
  let databaseUsable = true;
  let prefetched: Promise<DatabaseRead> | null = null;

  const store = (): UseStore =>
    // Opened on first use, so a page that never needs the stored record never opens a database.
    // Requests go through it directly rather than idb-keyval's get/set, whose default-store argument
    // would add idb-keyval's own database code to the loader (it costs the loader about 40 bytes).
    (database ??= createStore('cc-clinic', 'choice'));

  const markUnusable = (): void => {
    databaseUsable = false;
    report('CC_ERR_STORAGE_UNAVAILABLE');
  };

  const readFresh = async (): Promise<DatabaseRead> => {
    try {
      const value: unknown = await timed(store()('readonly', (objects) => promisifyRequest(objects.get(KEY))));
      if (value === undefined) return { record: null, available: true };
      if (isRecord(value)) return { record: value, available: true };
      report('CC_ERR_STORAGE_CORRUPT');
      return { record: null, available: true };
    } catch {
      markUnusable();
      return { record: null, available: false };
    }
  };

  const writeCookie = (record: ConsentRecord): void => {
    const maxAge = Math.max(0, Math.round((record.expiresAt - Date.now()) / 1000));
    const value = encodeURIComponent(encodeChoice(record, config));
    const secure = isSecureContext ? '; Secure' : '';
    const write = (domain: string | null) =>
      (document.cookie = `${!domain && secure ? HOST_CHOICE_COOKIE : CHOICE_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${domain ? `; Domain=${domain}` : ''}${secure}`);
    write(config.cookieDomain);
    // A Domain the browser refuses (a public suffix such as github.io, another site) would lose the
    // synchronous decision on every visit: keep the cookie host-only instead.
    if (config.cookieDomain && maxAge && !document.cookie.includes(`${CHOICE_COOKIE}=${value}`)) write(null);
  };

  return {
    readCookie: () => readChoice(document.cookie, config),
    sameChoice: (a, b) => encodeChoice(a, config) === encodeChoice(b, config),
    writeCookie,
    prefetch() {
      prefetched ??= readFresh();
    },
    readDatabase() {
      const read = prefetched ?? readFresh();
      prefetched = null;
      return read;
    },
    async write(record) {
      writeCookie(record);
      if (!databaseUsable) return;
      try {
        await timed(
          store()('readwrite', (objects) => {
            objects.put(record, KEY);
            return promisifyRequest(objects.transaction);
          }),
        );
      } catch {
        markUnusable();
      }
    },
  };
}
