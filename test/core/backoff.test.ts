import { backoff } from '@tidings/core';
import { describe, expect, it } from 'vitest';
import { resolveReconnect } from '../../packages/core/src/backoff';

describe('backoff (full jitter)', () => {
  const options = resolveReconnect({ minDelay: 1000, maxDelay: 30_000, factor: 2 });
  if (!options) throw new Error('reconnect resolved to false');

  it('stays within [0, min(maxDelay, minDelay * factor^attempt))', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      expect(backoff(attempt, options, () => 0)).toBe(0);
      expect(backoff(attempt, options, () => 0.999_999)).toBe(Math.floor(0.999_999 * ceiling));
    }
  });

  it('spreads delays across the whole window', () => {
    let seed = 42;
    const random = () => {
      // A small deterministic LCG, so the spread is checked without flakiness.
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const delays = Array.from({ length: 2000 }, () => backoff(3, options, random));
    const buckets = [0, 0, 0, 0];
    for (const d of delays) buckets[Math.floor(d / 2000)]!++;
    expect(Math.max(...delays)).toBeLessThan(8000);
    for (const count of buckets) expect(count).toBeGreaterThan(350);
  });

  it('resolves defaults and false', () => {
    expect(resolveReconnect(undefined)).toEqual({
      retries: Number.POSITIVE_INFINITY,
      minDelay: 1000,
      maxDelay: 30_000,
      factor: 2,
    });
    expect(resolveReconnect(false)).toBe(false);
  });
});
