import { describe, expect, it } from 'vitest';
import {
  formatRatio,
  formatSummary,
  median,
  percentile,
  ratio,
  summarize,
} from '../../bench/stats';

describe('bench statistics', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('has no median for no rounds', () => {
    expect(median([])).toBeNaN();
  });

  it('does not reorder the caller’s rounds', () => {
    const rounds = [3, 1, 2];
    median(rounds);
    expect(rounds).toEqual([3, 1, 2]);
  });

  it('takes nearest-rank percentiles that were really observed', () => {
    const latencies = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(latencies, 50)).toBe(50);
    expect(percentile(latencies, 95)).toBe(100);
    expect(percentile(latencies, 0)).toBe(10);
    expect(() => percentile(latencies, 101)).toThrow(RangeError);
  });

  it('summarizes median, min and max, leaving out failed rounds', () => {
    expect(summarize([12, Number.NaN, 10, 30])).toEqual({ median: 12, min: 10, max: 30, n: 3 });
    expect(summarize([Number.NaN]).n).toBe(0);
  });

  it('divides by the reference and refuses a zero or missing one', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(Number.NaN, 4)).toBeNaN();
  });

  it('formats a summary as median (min–max) and ratios with two decimals', () => {
    expect(formatSummary({ median: 12.345, min: 10, max: 30.5, n: 3 })).toBe('12.3 (10–30.5)');
    expect(formatSummary({ median: 7, min: 7, max: 7, n: 2 })).toBe('7');
    expect(formatSummary(summarize([]))).toBe('–');
    expect(formatRatio(1.234)).toBe('1.23×');
    expect(formatRatio(Number.NaN)).toBe('–');
  });
});
