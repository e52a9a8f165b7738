import { cpuSpent } from '../browser';
import type { Competitor } from '../competitors';
import { SSE_TOKENS } from '../pages/chatRequest';
import { until } from '../server';
import { closePage, type Figures, openCompetitor, type ScenarioContext } from './context';

/**
 * An AI answer of 2,000 tokens at 1,000/s streamed over `POST /api/chat` (the mock server paces
 * it, each token its own write on the wire as a model sends them): commits, main-thread CPU, and
 * wall time from the request to the view showing the last token.
 */
export async function sseTokens(
  context: ScenarioContext,
  competitor: Competitor,
): Promise<Figures> {
  const bench = await openCompetitor(context, competitor, 'sse');
  try {
    const { page } = bench;
    const before = await bench.cpu();
    // Armed before the request: the answer starts streaming as soon as the POST arrives.
    await page.evaluate(() => window.bench.arm());
    await page.evaluate(() => window.bench.actions.start!());
    // Fetch streams are not counted by the page's socket counter: the server finished writing.
    const result = await page.evaluate((n) => window.bench.settle(n, 0, 300, 30_000), SSE_TOKENS);
    const cpu = cpuSpent(before, await bench.cpu());
    // The server ends the answer after the last token; the next competitor starts on a quiet server.
    await until(() => context.server.stats().transports.chat.connections === 0);
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
