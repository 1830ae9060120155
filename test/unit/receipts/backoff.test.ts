// Retries back off: the delay doubles from about a second up to five minutes, and its jitter
// spreads tabs and visitors out so a recovering collector is not hit by all of them at once.
import { describe, expect, it } from 'vitest';
import { backoff } from '../../../src/receipts/delivery.js';

describe('backoff', () => {
  it('doubles per attempt, from 0.5–1 s up to a ceiling of 5 minutes', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((attempt) => backoff(attempt, low))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => backoff(attempt, high))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoff(30, high)).toBe(300_000);
    expect(backoff(30, low)).toBe(150_000);
  });

  it('spreads retries of the same attempt over the upper half of the window', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoff(5)));
    expect(delays.size, 'jittered, not all equal').toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(8000);
      expect(delay).toBeLessThanOrEqual(16000);
    }
  });
});
