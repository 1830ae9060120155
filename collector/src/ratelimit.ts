/**
 * Request limits, counted in memory: per client address (through @fastify/rate-limit, for the plugin that calls
 * `limitClients`) and per site (the site id comes from the parsed body, which that plugin's hooks run before).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { CollectorError } from './errors.js';

/**
 * Limits every route of the calling plugin to `max` requests per client address per window; a route may set a
 * stricter `config.rateLimit.max` (sign-in does). Addresses stay in this process's memory, never logged or stored.
 */
export async function limitClients(app: FastifyInstance, max: number, windowMs: number): Promise<void> {
  await app.register(rateLimit, {
    max,
    timeWindow: windowMs,
    errorResponseBuilder: (_request, context) => new CollectorError('CC_ERR_RATE_CLIENT', `more than ${context.max} in ${windowMs / 1000} s`),
  });
}

/** Fixed-window counts per key (a site, a consent id), throwing `code` (a 429) over the limit. */
export class KeyLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly code: 'CC_ERR_RATE_SITE' | 'CC_ERR_RATE_CONSENT',
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; throws over the limit. */
  hit(key: string): void {
    const now = this.clock();
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.max) throw new CollectorError(this.code, `more than ${this.max} in ${this.windowMs / 1000} s`);
  }
}
