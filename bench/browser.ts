import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';

/** The Chromium every figure comes from: Debian's, headless, with nothing running beside the page. */
export const CHROMIUM_PATH = process.env.TIDINGS_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

/** Main-thread time of the page's renderer, from CDP `Performance.getMetrics`, in ms. */
export interface CpuSample {
  /** Every task on the main thread (script, style, layout, paint, GC). */
  taskMs: number;
  scriptMs: number;
}

/** A competitor page with a CDP session on it. */
export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  cpu(): Promise<CpuSample>;
  /** Collects garbage, then the used JS heap in bytes. */
  heapAfterGc(): Promise<number>;
  close(): Promise<void>;
}

export async function openPage(browser: Browser, url: string): Promise<BenchPage> {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  // Thread ticks: durations are the main thread's CPU time, not wall time it was runnable.
  await cdp
    .send('Performance.enable', { timeDomain: 'threadTicks' })
    .catch(() => cdp.send('Performance.enable'));
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  return {
    page,
    cdp,
    async cpu() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
      return { taskMs: value('TaskDuration') * 1000, scriptMs: value('ScriptDuration') * 1000 };
    },
    async heapAfterGc() {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    },
    async close() {
      await cdp.detach().catch(() => {});
      await page.close();
    },
  };
}

/** CPU spent between two samples. */
export function cpuSpent(before: CpuSample, after: CpuSample): CpuSample {
  return { taskMs: after.taskMs - before.taskMs, scriptMs: after.scriptMs - before.scriptMs };
}
