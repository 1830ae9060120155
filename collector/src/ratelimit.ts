/**
 * Per-site request limits, counted in memory in fixed windows. The per-client limit is @fastify/rate-limit's job;
 * this one needs the site id from the parsed body, which that plugin's hooks run before.
 */
import { CollectorError } from './errors.js';

export class SiteLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request for `siteId`; throws CC_ERR_RATE_SITE (429) over the limit. */
  hit(siteId: string): void {
    const now = this.clock();
    const window = this.windows.get(siteId);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(siteId, { start: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.max) throw new CollectorError('CC_ERR_RATE_SITE', `more than ${this.max} in ${this.windowMs / 1000} s`);
  }
}
