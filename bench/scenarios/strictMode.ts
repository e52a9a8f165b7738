import { cpuSpent } from '../browser';
import type { Competitor } from '../competitors';
import { openConnections, stable, until } from '../server';
import { closePage, type Figures, openCompetitor, type ScenarioContext } from './context';

export const MOUNT_CYCLES = 1_000;
/** Unmeasured cycles first: lazily created caches and JIT code are not a leak. */
const WARM_UP_CYCLES = 50;

/**
 * 1,000 mount/unmount cycles of a subscribed view under `<StrictMode>`: heap growth after GC, and
 * the connections still open on the server once the page has settled.
 */
export async function strictMode(
  context: ScenarioContext,
  competitor: Competitor,
): Promise<Figures> {
  const bench = await openCompetitor(context, competitor, 'strict');
  try {
    const { page } = bench;
    const settle = async () => {
      await until(() => page.evaluate(() => window.bench.sockets().open === 0), 10_000);
      return stable(() => openConnections(context.server));
    };
    await page.evaluate((n) => window.bench.actions.cycles!(n), WARM_UP_CYCLES);
    await settle();
    const socketsBefore = await page.evaluate(() => window.bench.sockets().opened);
    const heapBefore = await bench.heapAfterGc();
    const cpuBefore = await bench.cpu();
    const started = performance.now();
    await page.evaluate((n) => window.bench.actions.cycles!(n), MOUNT_CYCLES);
    const wallMs = performance.now() - started;
    const cpu = cpuSpent(cpuBefore, await bench.cpu());
    const connectionsLeft = await settle();
    const heapAfter = await bench.heapAfterGc();
    const socketsAfter = await page.evaluate(() => window.bench.sockets().opened);
    return {
      heapGrowthKB: (heapAfter - heapBefore) / 1024,
      connectionsLeft,
      socketsOpened: socketsAfter - socketsBefore,
      wallMs,
      cpuMs: cpu.taskMs,
    };
  } finally {
    await closePage(context, bench);
  }
}
