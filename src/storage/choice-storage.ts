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

export class ChoiceStorage {
  private database: UseStore | null = null;
  private databaseUsable = true;
  private prefetched: Promise<DatabaseRead> | null = null;

  constructor(private readonly config: ResolvedConfig) {}

  /** The cookie's choice, synchronously; null when absent, malformed or ambiguous. */
  readCookie(): CookieChoice | null {
    return readChoice(document.cookie, this.config);
  }

  /** Whether two records hold the same choice (dates, versions, grants), as the cookie would write them. */
  sameChoice(a: ConsentRecord, b: ConsentRecord): boolean {
    return encodeChoice(a, this.config) === encodeChoice(b, this.config);
  }

  /**
   * Host-only, as `__Host-cc_choice` on a secure origin; shared across subdomains only when the
   * config names `cookieDomain` (such a cookie can then only deny until each host's IndexedDB confirms it).
   */
  writeCookie(record: ConsentRecord): void {
    const maxAge = Math.max(0, Math.round((record.expiresAt - Date.now()) / 1000));
    const value = encodeURIComponent(encodeChoice(record, this.config));
    const secure = isSecureContext ? '; Secure' : '';
    const write = (domain: string | null) =>
      (document.cookie = `${!domain && secure ? HOST_CHOICE_COOKIE : CHOICE_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${domain ? `; Domain=${domain}` : ''}${secure}`);
    write(this.config.cookieDomain);
    // A Domain the browser refuses (a public suffix such as github.io, another site) would lose the
    // synchronous decision on every visit: keep the cookie host-only instead.
    if (this.config.cookieDomain && maxAge && !document.cookie.includes(`${CHOICE_COOKIE}=${value}`)) write(null);
  }

  /** Starts reading IndexedDB now, for the next readDatabase() (while the config is still being checked). */
  prefetch(): void {
    this.prefetched ??= this.readFresh();
  }

  /** The IndexedDB record: the prefetched read if one is waiting, else a new read. */
  readDatabase(): Promise<DatabaseRead> {
    const read = this.prefetched ?? this.readFresh();
    this.prefetched = null;
    return read;
  }

  private async readFresh(): Promise<DatabaseRead> {
    try {
      const value: unknown = await timed(this.store()('readonly', (store) => promisifyRequest(store.get(KEY))));
      if (value === undefined) return { record: null, available: true };
      if (isRecord(value)) return { record: value, available: true };
      report('CC_ERR_STORAGE_CORRUPT');
      return { record: null, available: true };
    } catch {
      this.markUnusable();
      return { record: null, available: false };
    }
  }

  /** Writes the record to the cookie and, when it can, to IndexedDB. Never rejects. */
  async write(record: ConsentRecord): Promise<void> {
    this.writeCookie(record);
    if (!this.databaseUsable) return;
    try {
      await timed(
        this.store()('readwrite', (store) => {
          store.put(record, KEY);
          return promisifyRequest(store.transaction);
        }),
      );
    } catch {
      this.markUnusable();
    }
  }

  private store(): UseStore {
    // Opened on first use, so a page that never needs the stored record never opens a database.
    // Requests go through it directly rather than idb-keyval's get/set, whose default-store argument
    // would add idb-keyval's own database code to the loader (it costs the loader about 40 bytes).
    this.database ??= createStore('cc-clinic', 'choice');
    return this.database;
  }

  private markUnusable(): void {
    this.databaseUsable = false;
    report('CC_ERR_STORAGE_UNAVAILABLE');
  }
}
