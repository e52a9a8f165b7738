import type { Page } from 'playwright-core';
import type { PageRunOptions } from './page/chaosPage';
import { type ChaosConsumer, type Observation, WAIT } from './scenarios';

/**
 * Opens `options.count` consumers of one wire in a page already showing the chaos page, and drives
 * them from here. Every wait is `page.waitForFunction` on the page's own state: it resolves on the
 * frame the condition became true in, or fails after WAIT.
 */
export async function pageConsumers(page: Page, options: PageRunOptions): Promise<ChaosConsumer[]> {
  const first = await page.evaluate((o) => {
    const start = window.chaos.consumers.length;
    window.chaos.open(o);
    return start;
  }, options);
  return Array.from({ length: options.count }, (_, offset) => pageConsumer(page, first + offset));
}

function pageConsumer(page: Page, index: number): ChaosConsumer {
  const until = async (check: (args: { index: number; n: number }) => boolean, n = 0) => {
    await page.waitForFunction(check, { index, n }, { timeout: WAIT.timeout });
  };
  return {
    markCut: () => page.evaluate((i) => window.chaos.consumers[i]?.observer.markCut(), index),
    waitOpen: () => until(({ index }) => window.chaos.consumers[index]?.observer.status === 'open'),
    waitNotOpen: () =>
      until(({ index }) => window.chaos.consumers[index]?.observer.status !== 'open'),
    waitPosition: () =>
      until(
        ({ index }) =>
          window.chaos.consumers[index]?.observer.channel.getState().cursor !== undefined,
      ),
    waitReceived: (n) =>
      until(
        ({ index, n }) => window.chaos.consumers[index]?.observer.received.includes(n) ?? false,
        n,
      ),
    finish: () =>
      page.evaluate((i): Observation => {
        const consumer = window.chaos.consumers[i];
        if (!consumer) throw new Error(`no consumer ${i}`);
        const { observer } = consumer;
        observer.close();
        return {
          received: observer.received,
          reconnects: observer.reconnects,
          resets: observer.resets,
          recoveries: observer.recoveries,
        };
      }, index),
  };
}
