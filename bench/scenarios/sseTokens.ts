import { cpuSpent } from '../browser';
import type { Competitor } from '../competitors';
import { until } from '../server';
import { closePage, type Figures, openCompetitor, type ScenarioContext } from './context';

export const SSE_TOKENS = 2_000;

/**
 * 2,000 `token` events streamed over one fetch-read SSE response, each its own write on the wire
 * (a fast model): commits, CPU and wall time until the view shows the last token.
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
    for (let i = 0; i < SSE_TOKENS; i++) {
      context.server.publish({ type: 'token', data: { seq: context.nextSeq(), sentAt: 0 } });
      // One write per token, as a model streams them, not one coalesced chunk.
      await new Promise((resolve) => setImmediate(resolve));
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
