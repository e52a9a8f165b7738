import { cpuSpent } from '../browser';
import type { Competitor } from '../competitors';
import { until } from '../server';
import { closePage, type Figures, openCompetitor, type ScenarioContext } from './context';

export const SSE_TOKENS = 2_000;
/** 1,000 tokens/s: five every 5 ms. */
const TICK_MS = 5;
const TOKENS_PER_TICK = 5;
export const SSE_TOKENS_PER_SECOND = (TOKENS_PER_TICK * 1000) / TICK_MS;

/**
 * 2,000 `token` events at 1,000/s over one fetch-read SSE response (`GET /api/sse`: the mock
 * server's `POST /api/chat` answers a fixed text of about 60 tokens): commits, main-thread CPU,
 * and wall time until the view shows the last token.
 */
export async function sseTokens(
  context: ScenarioContext,
  competitor: Competitor,
): Promise<Figures> {
  const bench = await openCompetitor(context, competitor, 'sse');
  try {
    const { page } = bench;
    await page.evaluate(() => window.bench.actions.start!());
    await until(() => context.server.stats().transports.sse.connections === 1);
    const before = await bench.cpu();
    await page.evaluate(() => window.bench.arm());
    // A fixed pace, so both read the same chunks whatever the machine's load: as fast as the
    // timer allows, a few tokens per tick, each its own write on the wire as a model sends them.
    const start = performance.now();
    for (let tick = 0; tick * TOKENS_PER_TICK < SSE_TOKENS; tick++) {
      const wait = start + tick * TICK_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      for (let i = 0; i < TOKENS_PER_TICK; i++) {
        context.server.publish({ type: 'token', data: { seq: context.nextSeq(), sentAt: 0 } });
      }
    }
    // Fetch streams are not counted by the page's socket counter: the server finished writing.
    const result = await page.evaluate((n) => window.bench.settle(n, 0, 300, 30_000), SSE_TOKENS);
    const cpu = cpuSpent(before, await bench.cpu());
    return {
      lost: SSE_TOKENS - result.count,
      commits: result.renders,
      wallMs: result.wallMs,
      cpuMs: cpu.taskMs,
      scriptMs: cpu.scriptMs,
    };
  } finally {
    await closePage(context, bench);
  }
}
