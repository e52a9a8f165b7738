import { cpuSpent } from '../browser';
import type { Competitor } from '../competitors';
import { emit } from '../server';
import { percentile } from '../stats';
import { closePage, type Figures, openCompetitor, type ScenarioContext } from './context';

export const LATENCY_RATE = 50;
const LATENCY_MESSAGES = 100;

/**
 * Messages at 50/s, one by one: from the server's emit to the view's DOM showing it, and to the
 * frame after that being painted (p50/p95 over the messages of the round).
 */
export async function latency(context: ScenarioContext, competitor: Competitor): Promise<Figures> {
  const bench = await openCompetitor(context, competitor, 'stream');
  try {
    const { page } = bench;
    await page.evaluate(() => window.bench.opened(1));
    const before = await bench.cpu();
    await page.evaluate(() => window.bench.arm({ latency: 'paint' }));
    const sentAt = new Map<number, number>();
    const interval = 1000 / LATENCY_RATE;
    const start = performance.now();
    for (let i = 0; i < LATENCY_MESSAGES; i++) {
      // Scheduled against the start, so a late timer does not slow the rate down.
      const wait = start + i * interval - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const seq = context.nextSeq();
      sentAt.set(seq, emit(context.server, seq));
    }
    const result = await page.evaluate(
      (n) => window.bench.settle(n, n, 300, 30_000),
      LATENCY_MESSAGES,
    );
    await page.waitForFunction(() => window.bench.latency().every((s) => s.paintAt !== undefined));
    const cpu = cpuSpent(before, await bench.cpu());
    const samples = (await page.evaluate(() => window.bench.latency())).filter((s) =>
      sentAt.has(s.seq),
    );
    const toDom = samples.map((s) => s.domAt - sentAt.get(s.seq)!);
    const toPaint = samples.map((s) => s.paintAt! - sentAt.get(s.seq)!);
    return {
      domP50: percentile(toDom, 50),
      domP95: percentile(toDom, 95),
      paintP50: percentile(toPaint, 50),
      paintP95: percentile(toPaint, 95),
      lost: LATENCY_MESSAGES - result.count,
      cpuMs: cpu.taskMs,
    };
  } finally {
    await closePage(context, bench);
  }
}
