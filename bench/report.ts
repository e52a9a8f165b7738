import {
  type Competitor,
  DOM,
  FANOUT,
  FETCH_EVENT_SOURCE,
  FLOOR,
  REACT_USE_WEBSOCKET,
  SSE,
  STREAM,
  STRICT_MODE,
  TIDINGS_REACT,
  VUEUSE,
} from './competitors';
import { SSE_TOKENS, SSE_TOKENS_PER_SECOND } from './pages/chatRequest';
import type { BenchResults } from './results';
import { BURST_SIZE } from './scenarios/burst';
import { FANOUT_COMPONENTS } from './scenarios/fanout';
import { LATENCY_RATE } from './scenarios/latency';
import { MOUNT_CYCLES } from './scenarios/strictMode';
import { KEPT_UP_MS, SUSTAINED_RATES } from './scenarios/sustained';
import { formatRatio, formatSummary, ratio, summarize } from './stats';

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Reads one metric of one competitor in one scenario. */
function metricOf(results: BenchResults, scenario: string) {
  const figures = (competitor: Competitor, metric: string) =>
    results.scenarios[scenario]?.[competitor.label]?.[metric] ?? [];
  return {
    summary: (competitor: Competitor, metric: string) => summarize(figures(competitor, metric)),
    cell: (competitor: Competitor, metric: string, digits = 1) =>
      formatSummary(summarize(figures(competitor, metric)), digits),
    median: (competitor: Competitor, metric: string) =>
      summarize(figures(competitor, metric)).median,
  };
}

/** `wall× · CPU×` of each competitor against each reference (medians over the rounds). */
function ratioTable(
  results: BenchResults,
  scenario: string,
  rows: Competitor[],
  references: Competitor[],
): string {
  const { median } = metricOf(results, scenario);
  const cell = (row: Competitor, reference: Competitor) =>
    row === reference
      ? '1×'
      : `${formatRatio(ratio(median(row, 'wallMs'), median(reference, 'wallMs')))} · ${formatRatio(
          ratio(median(row, 'cpuMs'), median(reference, 'cpuMs')),
        )}`;
  return table(
    ['wall × · CPU × against →', ...references.map((reference) => reference.label)],
    rows.map((row) => [row.label, ...references.map((reference) => cell(row, reference))]),
  );
}

function burstSection(results: BenchResults): string {
  const { cell } = metricOf(results, 'burst');
  return [
    `### Burst: ${BURST_SIZE.toLocaleString('en')} WebSocket messages at once`,
    '',
    table(
      [
        'Competitor',
        'Lost',
        'Commits / renders',
        'Wall ms',
        'Main-thread CPU ms',
        'of it script ms',
      ],
      STREAM.map((c) => [
        c.label,
        cell(c, 'lost', 0),
        cell(c, 'commits', 0),
        cell(c, 'wallMs'),
        cell(c, 'cpuMs'),
        cell(c, 'scriptMs'),
      ]),
    ),
    '',
    'Ratios of the medians (below 1× is cheaper than the reference):',
    '',
    ratioTable(results, 'burst', STREAM, [FLOOR, DOM, REACT_USE_WEBSOCKET, VUEUSE]),
    '',
    `The server's own time to emit the burst (one synchronous loop of \`publish()\`, inside the wall time): ${formatSummary(summarize(STREAM.flatMap((c) => results.scenarios.burst?.[c.label]?.emitMs ?? [])))} ms. Wall time is bounded below by it and moves with the machine's load; main-thread CPU is the figure to compare. It includes style, layout and paint of every frame drawn while the burst arrives, so a burst that arrives slowly costs the frame-batched views (the floor among them) more frames: the floor is the least script work, not a hard lower bound on CPU.`,
  ].join('\n');
}

function latencySection(results: BenchResults): string {
  const { cell } = metricOf(results, 'latency');
  return [
    `### Latency at ${LATENCY_RATE} messages/s (ms from the server's emit)`,
    '',
    table(
      [
        'Competitor',
        'emit→DOM p50',
        'emit→DOM p95',
        'emit→paint p50',
        'emit→paint p95',
        'Lost',
        'CPU ms',
      ],
      STREAM.map((c) => [
        c.label,
        cell(c, 'domP50'),
        cell(c, 'domP95'),
        cell(c, 'paintP50'),
        cell(c, 'paintP95'),
        cell(c, 'lost', 0),
        cell(c, 'cpuMs'),
      ]),
    ),
  ].join('\n');
}

function sseSection(results: BenchResults): string {
  const { cell, median } = metricOf(results, 'sse');
  const against = (metric: string) =>
    formatRatio(ratio(median(TIDINGS_REACT, metric), median(FETCH_EVENT_SOURCE, metric)));
  return [
    `### SSE token stream: ${SSE_TOKENS.toLocaleString('en')} tokens into React`,
    '',
    `${SSE_TOKENS_PER_SECOND.toLocaleString('en')} \`token\` events a second, an AI answer streamed over \`POST /api/chat\` as a fast model sends it (the mock server paces the tokens); tidings is \`useSSEStream\` with \`method: 'POST'\` and \`start(body)\` (the request-scoped stream an AI answer uses, read with fetch and a streaming parser), fetch-event-source posts the same body. Wall time is set by the pace; commits and CPU are the figures.`,
    '',
    table(
      ['Competitor', 'Lost', 'Commits', 'Wall ms', 'Main-thread CPU ms', 'of it script ms'],
      SSE.map((c) => [
        c.label,
        cell(c, 'lost', 0),
        cell(c, 'commits', 0),
        cell(c, 'wallMs'),
        cell(c, 'cpuMs'),
        cell(c, 'scriptMs'),
      ]),
    ),
    '',
    `tidings against fetch-event-source: wall ${against('wallMs')}, CPU ${against('cpuMs')}, commits ${against('commits')}.`,
  ].join('\n');
}

function sustainedSection(results: BenchResults): string {
  const { cell, median, summary } = metricOf(results, 'sustained');
  const keptUp = (c: Competitor) => {
    const rates = SUSTAINED_RATES.filter(
      (rate) => median(c, `catchUpMs@${rate}`) <= KEPT_UP_MS && median(c, `lost@${rate}`) === 0,
    );
    return rates.length === 0
      ? `below ${SUSTAINED_RATES[0]}/s`
      : `${rates.at(-1)!.toLocaleString('en')}/s`;
  };
  return [
    '### Sustained rate: does the view keep up?',
    '',
    `Each rate runs for one second. Catch-up is the time from the last emit to the view showing it: a view that keeps up shows it within ${KEPT_UP_MS} ms (three frames); a growing backlog shows as a catch-up time that grows with the rate. Messages lost are named when there were any. The floor shows what the server and the machine deliver: where it falls behind, the limit is not the client's. On a shared machine this is the noisiest table (the server emits from the same two cores); the CPU column is steadier.`,
    '',
    table(
      [
        'Competitor',
        ...SUSTAINED_RATES.map((rate) => `${rate.toLocaleString('en')}/s catch-up ms`),
        'Highest rate kept up',
        `CPU ms at ${SUSTAINED_RATES.at(-1)!.toLocaleString('en')}/s`,
      ],
      STREAM.map((c) => [
        c.label,
        ...SUSTAINED_RATES.map((rate) => {
          const lost = summary(c, `lost@${rate}`);
          const lostNote = lost.max > 0 ? ` · lost ${cell(c, `lost@${rate}`, 0)}` : '';
          return `${cell(c, `catchUpMs@${rate}`)}${lostNote}`;
        }),
        keptUp(c),
        cell(c, `cpuMs@${SUSTAINED_RATES.at(-1)}`),
      ]),
    ),
  ].join('\n');
}

function fanoutSection(results: BenchResults): string {
  const { cell } = metricOf(results, 'fanout');
  return [
    `### ${FANOUT_COMPONENTS} components on one URL (first round)`,
    '',
    table(
      ['Competitor', 'Server connections', 'Sockets the page opened'],
      FANOUT.map((c) => [c.label, cell(c, 'serverConnections', 0), cell(c, 'socketsOpened', 0)]),
    ),
  ].join('\n');
}

function strictModeSection(results: BenchResults): string {
  const { cell } = metricOf(results, 'strictMode');
  return [
    `### ${MOUNT_CYCLES.toLocaleString('en')} StrictMode mount/unmount cycles (first round)`,
    '',
    'Each cycle mounts one subscribed view in `<StrictMode>`, waits for its socket to open, and unmounts it, as route changes would. Heap growth is the used JS heap after forced GC, from after 50 warm-up cycles to the end; connections are the ones still open on the server once the page has settled.',
    '',
    table(
      [
        'Competitor',
        'Heap growth KB (after GC)',
        'Connections left open',
        'Sockets opened',
        'Wall ms',
        'CPU ms',
      ],
      STRICT_MODE.map((c) => [
        c.label,
        cell(c, 'heapGrowthKB'),
        cell(c, 'connectionsLeft', 0),
        cell(c, 'socketsOpened', 0),
        cell(c, 'wallMs'),
        cell(c, 'cpuMs'),
      ]),
    ),
  ].join('\n');
}

function bundleSection(results: BenchResults): string {
  return [
    '### Bundle size of each public hook',
    '',
    '`esbuild --bundle --minify` of one import, the framework (and TanStack Query) external, then gzip -9. The MQTT, Socket.IO and EventSource-polyfill clients are optional peers loaded only when used, so they are left out too.',
    '',
    table(
      ['Import', 'Group', 'Minified bytes', 'gzip -9 bytes'],
      results.bundles.map((b) => [b.label, b.group, String(b.minBytes), String(b.gzipBytes)]),
    ),
  ].join('\n');
}

function notesSection(results: BenchResults): string {
  const entries = Object.entries(results.notes);
  if (entries.length === 0) return '';
  return [
    '### What the pages logged',
    '',
    ...entries.flatMap(([competitor, remarks]) => remarks.map((r) => `- ${competitor}: ${r}`)),
  ].join('\n');
}

/** The markdown the README and the Storybook page show. */
export function renderMarkdown(results: BenchResults): string {
  const { machine } = results;
  return [
    `Measured ${results.date} on ${machine.nproc} × ${machine.cpu} (${machine.platform}), Node ${machine.node}, ${machine.chromium} headless; ${results.rounds} round(s), median (min–max), ${Math.round(results.durationSeconds)} s in all. Rerun: \`${results.command}\`.`,
    '',
    burstSection(results),
    '',
    latencySection(results),
    '',
    sseSection(results),
    '',
    sustainedSection(results),
    '',
    fanoutSection(results),
    '',
    strictModeSection(results),
    '',
    bundleSection(results),
    '',
    notesSection(results),
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
}
