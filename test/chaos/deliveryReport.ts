/** What one consumer of one chaos run received, against what was published. */
export interface DeliveryReport {
  transport: string;
  scenario: string;
  published: number;
  delivered: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  reconnects: number;
  /** Server resets the channel reported (`reset` errors): expected only where a log was lost. */
  resets: number;
  /** Time from a cut to the next `open`, in ms. */
  recoveryP50: number | undefined;
  recoveryP95: number | undefined;
}

export interface DeliveryInput {
  transport: string;
  scenario: string;
  /** Sequence numbers published, in order. */
  published: readonly number[];
  /** Sequence numbers the consumer received, in order of arrival. */
  received: readonly number[];
  reconnects: number;
  resets: number;
  recoveries: readonly number[];
}

export function deliveryReport(input: DeliveryInput): DeliveryReport {
  const counts = new Map<number, number>();
  for (const n of input.received) counts.set(n, (counts.get(n) ?? 0) + 1);
  let duplicated = 0;
  for (const count of counts.values()) duplicated += count - 1;
  let lost = 0;
  for (const n of input.published) if (!counts.has(n)) lost++;
  let outOfOrder = 0;
  let highest = Number.NEGATIVE_INFINITY;
  for (const n of input.received) {
    if (n < highest) outOfOrder++;
    else highest = n;
  }
  return {
    transport: input.transport,
    scenario: input.scenario,
    published: input.published.length,
    delivered: input.received.length,
    lost,
    duplicated,
    outOfOrder,
    reconnects: input.reconnects,
    resets: input.resets,
    recoveryP50: percentile(input.recoveries, 0.5),
    recoveryP95: percentile(input.recoveries, 0.95),
  };
}

/** Nearest-rank percentile; undefined for no samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

const COLUMNS: Array<[string, (row: DeliveryReport) => string]> = [
  ['transport', (r) => r.transport],
  ['scenario', (r) => r.scenario],
  ['published', (r) => String(r.published)],
  ['delivered', (r) => String(r.delivered)],
  ['lost', (r) => String(r.lost)],
  ['duplicated', (r) => String(r.duplicated)],
  ['out of order', (r) => String(r.outOfOrder)],
  ['reconnects', (r) => String(r.reconnects)],
  ['resets', (r) => String(r.resets)],
  [
    'recovery p50 ms',
    (r) => (r.recoveryP50 === undefined ? '-' : String(Math.round(r.recoveryP50))),
  ],
  [
    'recovery p95 ms',
    (r) => (r.recoveryP95 === undefined ? '-' : String(Math.round(r.recoveryP95))),
  ],
];

/** The rows as a markdown table, the form the core README keeps. */
export function deliveryTable(rows: readonly DeliveryReport[]): string {
  const header = `| ${COLUMNS.map(([name]) => name).join(' | ')} |`;
  const rule = `|${COLUMNS.map(() => '---').join('|')}|`;
  const body = rows.map((row) => `| ${COLUMNS.map(([, cell]) => cell(row)).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}
