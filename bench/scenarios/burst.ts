import { cpuSpent } from '../browser';
import type { Competitor } from '../competitors';
import {
  closePage,
  emitBurst,
  type Figures,
  openCompetitor,
  type ScenarioContext,
} from './context';

export const BURST_SIZE = 10_000;
/** Unmeasured messages first, so every page is measured warm (JIT-compiled, connected). */
const WARM_UP = 200;
/** A view that has stopped changing this long after the last frame arrived has lost the rest. */
const QUIET_MS = 300;

/** 10,000 messages emitted at once into one view: lost messages, commits, wall time, CPU. */
export async function burst(context: ScenarioContext, competitor: Competitor): Promise<Figures> {
  const bench = await openCompetitor(context, competitor, 'stream');
  try {
    const { page } = bench;
    await page.evaluate(() => window.bench.opened(1));
    await page.evaluate(() => window.bench.arm());
    emitBurst(context, WARM_UP);
    await page.evaluate(([n, quiet]) => window.bench.settle(n, n, quiet, 20_000), [
      WARM_UP,
      QUIET_MS,
    ] as const);

    const before = await bench.cpu();
    await page.evaluate(() => window.bench.arm());
    const emitStarted = performance.now();
    emitBurst(context, BURST_SIZE);
    const emitMs = performance.now() - emitStarted;
    const result = await page.evaluate(([n, quiet]) => window.bench.settle(n, n, quiet, 60_000), [
      BURST_SIZE,
      QUIET_MS,
    ] as const);
    const cpu = cpuSpent(before, await bench.cpu());
    const errors = await page.evaluate(() => window.bench.errors());
    if (errors.length > 0) {
      context.note(
        competitor,
        `burst: ${errors.length} error(s), first: ${errors[0]!.slice(0, 160)}`,
      );
    }
    return {
      lost: BURST_SIZE - result.count,
      commits: result.renders,
      wallMs: result.wallMs,
      emitMs,
      cpuMs: cpu.taskMs,
      scriptMs: cpu.scriptMs,
      errors: errors.length,
      timedOut: result.timedOut ? 1 : 0,
    };
  } finally {
    await closePage(context, bench);
  }
}
