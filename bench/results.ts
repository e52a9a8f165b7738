import type { BundleSize } from './bundleSizes';

/** Every round's figure, by scenario, competitor label and metric. */
export type RoundFigures = Record<string, Record<string, Record<string, number[]>>>;

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  chromium: string;
  platform: string;
}

/** What `pnpm bench` writes to `bench/results/latest.json`. */
export interface BenchResults {
  date: string;
  machine: Machine;
  rounds: number;
  command: string;
  durationSeconds: number;
  scenarios: RoundFigures;
  /** Remarks per competitor (errors a page logged), each kept once. */
  notes: Record<string, string[]>;
  bundles: BundleSize[];
}

/** Appends one round's figures of one competitor. */
export function addFigures(
  into: RoundFigures,
  scenario: string,
  competitor: string,
  figures: Record<string, number>,
): void {
  into[scenario] ??= {};
  into[scenario][competitor] ??= {};
  const byMetric = into[scenario][competitor];
  for (const [metric, value] of Object.entries(figures)) {
    byMetric[metric] ??= [];
    byMetric[metric].push(value);
  }
}
