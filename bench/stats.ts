/** Median and spread of one figure over the rounds of a benchmark. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many rounds produced a figure. */
  n: number;
}

/** The middle value (the mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100): a value that was really observed. NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Median, min and max of the rounds; non-finite values (a round that failed) are left out. */
export function summarize(values: readonly number[]): Summary {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  return {
    median: median(finite),
    min: Math.min(...finite),
    max: Math.max(...finite),
    n: finite.length,
  };
}

/**
 * `value / reference`: how many times the reference's cost. NaN when either is missing or the
 * reference is 0 (a ratio to nothing says nothing).
 */
export function ratio(value: number, reference: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) return Number.NaN;
  return value / reference;
}

/** A figure for a table cell: integers as they are, others with up to `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits);
}

/** `median (min–max)`; just the median when every round gave the same figure. */
export function formatSummary(summary: Summary, digits = 1): string {
  if (summary.n === 0) return '–';
  const mid = formatNumber(summary.median, digits);
  if (summary.min === summary.max) return mid;
  return `${mid} (${formatNumber(summary.min, digits)}–${formatNumber(summary.max, digits)})`;
}

/** `1.23×`, or a dash when the ratio is undefined. */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}
