import { cpuSpent } from '../browser';
import type { Competitor } from '../competitors';
import { emit } from '../server';
import { closePage, type Figures, openCompetitor, type ScenarioContext } from './context';

/** Messages per second, each held for one second. */
export const SUSTAINED_RATES = [1_000, 2_500, 5_000];
const SECONDS = 1;
/** The server emits in 10 ms ticks (a timer's real granularity). */
const TICK_MS = 10;
/** A view that shows the last message within three frames of its emit kept up. */
export const KEPT_UP_MS = 50;

/**
 * A steady stream at each rate: how long after the last emit the view shows it (a growing backlog
 * shows as a catch-up time that grows with the rate), and what it lost.
 */
export async function sustained(
  context: ScenarioContext,
  competitor: Competitor,
): Promise<Figures> {
  const bench = await openCompetitor(context, competitor, 'stream');
  const figures: Figures = {};
  try {
    const { page } = bench;
    await page.evaluate(() => window.bench.opened(1));
    for (const rate of SUSTAINED_RATES) {
      const perTick = (rate * TICK_MS) / 1000;
      const ticks = (SECONDS * 1000) / TICK_MS;
      const total = perTick * ticks;
      const before = await bench.cpu();
      await page.evaluate(() => window.bench.arm({ latency: 'dom' }));
      let lastSeq = -1;
      let lastSentAt = 0;
      const start = performance.now();
      for (let tick = 0; tick < ticks; tick++) {
        const wait = start + tick * TICK_MS - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        for (let i = 0; i < perTick; i++) {
          lastSeq = context.nextSeq();
          lastSentAt = emit(context.server, lastSeq);
        }
      }
      const result = await page.evaluate((n) => window.bench.settle(n, n, 300, 30_000), total);
      const cpu = cpuSpent(before, await bench.cpu());
      const shownAt = await page.evaluate(
        (seq) => window.bench.latency().find((s) => s.seq === seq)?.domAt,
        lastSeq,
      );
      figures[`catchUpMs@${rate}`] = shownAt === undefined ? Number.NaN : shownAt - lastSentAt;
      figures[`lost@${rate}`] = total - result.count;
      figures[`cpuMs@${rate}`] = cpu.taskMs;
    }
    return figures;
  } finally {
    await closePage(context, bench);
  }
}
