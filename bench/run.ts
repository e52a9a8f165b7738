/**
 * `pnpm bench`: tidings against its peers, in headless Chromium against the real mock server.
 * Prints figures and writes `bench/results/latest.{json,md}` and the tables in `bench/README.md`.
 * It never asserts a timing: on a shared machine the figures are for reading, not for gating.
 *
 *   pnpm bench            3 rounds (about 4 minutes on 2 cores)
 *   pnpm bench --quick    1 round
 *   pnpm bench --rounds 5
 *   pnpm bench --only burst --page react-use-websocket   (one scenario/page; writes nothing)
 *   pnpm bench --render   (tables again from results/latest.json, after editing report.ts)
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, launchChromium } from './browser';
import { benchDir, buildPages } from './buildPages';
import { bundleSizes } from './bundleSizes';
import { type Competitor, FANOUT, SSE, STREAM, STRICT_MODE } from './competitors';
import { renderMarkdown } from './report';
import { addFigures, type BenchResults, type Machine, type RoundFigures } from './results';
import { burst } from './scenarios/burst';
import type { Figures, ScenarioContext } from './scenarios/context';
import { fanout } from './scenarios/fanout';
import { latency } from './scenarios/latency';
import { sseTokens } from './scenarios/sseTokens';
import { strictMode } from './scenarios/strictMode';
import { sustained } from './scenarios/sustained';
import { startBenchServer } from './server';

type Scenario = (context: ScenarioContext, competitor: Competitor) => Promise<Figures>;

/**
 * `everyRound: false` runs in the first round only: connection counts do not vary, and 1,000
 * mount cycles that each wait for a handshake take ten seconds or more per competitor.
 */
const PLAN: [name: string, competitors: Competitor[], run: Scenario, everyRound: boolean][] = [
  ['burst', STREAM, burst, true],
  ['latency', STREAM, latency, true],
  ['sse', SSE, sseTokens, true],
  ['sustained', STREAM, sustained, true],
  ['fanout', FANOUT, fanout, false],
  ['strictMode', STRICT_MODE, strictMode, false],
];

interface Args {
  rounds: number;
  command: string;
  /** `--only burst`: one scenario, for a quick look (the written results then hold only it). */
  only?: string;
  /** `--page react-use-websocket`: one competitor's page. */
  page?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const roundsFlag = value('--rounds');
  const rounds = argv.includes('--quick') ? 1 : Number(roundsFlag ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new Error(`--rounds takes a whole number of rounds (1 or more), got ${roundsFlag}`);
  }
  const only = value('--only');
  if (only !== undefined && !PLAN.some(([name]) => name === only)) {
    throw new Error(`--only takes one of ${PLAN.map(([name]) => name).join(', ')}, got ${only}`);
  }
  return { rounds, command: ['pnpm bench', ...argv].join(' '), only, page: value('--page') };
}

/** Odd rounds run the competitors backwards, so none always goes first on a cold machine. */
function inRoundOrder<T>(items: T[], round: number): T[] {
  return round % 2 === 0 ? items : [...items].reverse();
}

function describeMachine(): Machine {
  let chromium = 'Chromium';
  try {
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // The version is only a label; the launch reports a missing browser properly.
  }
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    node: process.version,
    chromium,
    platform: `${process.platform} ${process.arch}`,
  };
}

const resultsDir = join(benchDir, 'results');
const README_START = '<!-- bench:results:start -->';
const README_END = '<!-- bench:results:end -->';

/** Replaces the tables between the markers of `bench/README.md` with the latest ones. */
async function updateReadme(markdown: string): Promise<void> {
  const path = join(benchDir, 'README.md');
  const readme = await readFile(path, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`${path} has lost its ${README_START} markers`);
  const updated = `${readme.slice(0, start + README_START.length)}\n\n${markdown}\n${readme.slice(end)}`;
  await writeFile(path, updated);
}

/** Writes the tables of `results` to `bench/results/latest.md` and `bench/README.md`. */
async function writeTables(results: BenchResults): Promise<string> {
  const markdown = renderMarkdown(results);
  await writeFile(join(resultsDir, 'latest.md'), markdown);
  await updateReadme(markdown);
  return markdown;
}

async function main(): Promise<void> {
  if (process.argv.includes('--render')) {
    // After editing report.ts: the same figures, tables written again, nothing measured.
    const results = JSON.parse(await readFile(join(resultsDir, 'latest.json'), 'utf8'));
    console.log(await writeTables(results as BenchResults));
    return;
  }
  const { rounds, command, only, page } = parseArgs(process.argv.slice(2));
  const plan = PLAN.filter(([name]) => only === undefined || name === only).map(
    ([name, competitors, run, everyRound]) =>
      [
        name,
        competitors.filter((c) => page === undefined || c.page === page),
        run,
        everyRound,
      ] as const,
  );
  const partial = only !== undefined || page !== undefined;
  const started = performance.now();
  console.log(`tidings bench: ${rounds} round(s); building the pages…`);
  await buildPages();
  const bundles = await bundleSizes();

  const server = await startBenchServer();
  const browser = await launchChromium();
  const scenarios: RoundFigures = {};
  const notes: Record<string, string[]> = {};
  let seq = 0;
  const context: ScenarioContext = {
    browser,
    server,
    nextSeq: () => seq++,
    note(competitor, remark) {
      const remarks = notes[competitor.label] ?? [];
      if (!remarks.includes(remark)) notes[competitor.label] = [...remarks, remark];
    },
  };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [name, competitors, run, everyRound] of plan) {
        if (round > 0 && !everyRound) continue;
        for (const competitor of inRoundOrder(competitors, round)) {
          process.stdout.write(`round ${round + 1}/${rounds} ${name}: ${competitor.label}… `);
          try {
            const figures = await run(context, competitor);
            addFigures(scenarios, name, competitor.label, figures);
            console.log('done');
          } catch (error) {
            // One page failing must not cost the other figures: the round is left out for it.
            const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
            context.note(competitor, `${name} failed in round ${round + 1}: ${message}`);
            console.log(`failed: ${message}`);
          }
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ').concat(' UTC'),
    machine: describeMachine(),
    rounds,
    command,
    durationSeconds: (performance.now() - started) / 1000,
    scenarios,
    notes,
    bundles,
  };
  if (partial) {
    // A look at one scenario or page must not replace the full tables the docs show.
    console.log(`\n${renderMarkdown(results)}`);
    console.log('Partial run (--only/--page): nothing written.');
    return;
  }
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${await writeTables(results)}`);
  console.log('Written: bench/results/latest.json, bench/results/latest.md, bench/README.md');
}

await main();
