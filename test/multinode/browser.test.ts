// The node kill for the transports only a browser runs: the hidden-iframe stream and SSE over
// Chromium's own EventSource. The chaos suite's page is served by every node and opened through
// the balancer, so the page, the iframe and the stream share the balancer's origin; the page's
// consumers reconnect through it to another node when theirs is killed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildChaosPage } from '../chaos/buildChaosPage';
import type { MockProcess } from '../chaos/mockProcess';
import type { PageRunOptions } from '../chaos/page/chaosPage';
import { pageConsumers } from '../chaos/pageConsumers';
import { WAIT } from '../chaos/scenarios';
import { launchBrowser } from '../e2e/browser';
import type { TestPageDir } from '../shared/buildTestPage';
import { type Cluster, startCluster } from './cluster';

const BATCH = 200;

/** A cut iframe response fires no `load` in Chromium: the page notices a cut from silence. */
const IFRAME_HEARTBEAT_TIMEOUT = 1500;

const subjects: Array<[string, PageRunOptions['transport'], 'iframe' | 'sse']> = [
  ['iframe stream', 'iframe', 'iframe'],
  ['SSE (Chromium EventSource)', 'native', 'sse'],
];

const figures: Array<Record<string, string | number>> = [];

describe('3 nodes on one Redis log: the node a Chromium page is streaming from is killed', () => {
  let site: TestPageDir;
  let browser: Browser;
  let cluster: Cluster;
  let page: Page | undefined;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    [site, browser] = await Promise.all([buildChaosPage(), launchBrowser()]);
    cluster = await startCluster(3, { staticDir: site.dir });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.close();
    await site?.remove();
    if (process.env.TIDINGS_FIGURES) console.table(figures);
  });

  afterEach(async () => {
    await page?.close();
    page = undefined;
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  it.each(subjects)(
    '%s: resumes on another node, every message once and in order',
    async (name, transport, stats) => {
      page = await browser.newPage();
      pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${cluster.proxy.url}/index.html`);
      await page.waitForFunction(() => window.chaos !== undefined, undefined, {
        timeout: WAIT.timeout,
      });
      const [consumer] = await pageConsumers(page, {
        transport,
        url: cluster.proxy.url,
        count: 1,
        type: 'notification',
        reconnect: { minDelay: 10, maxDelay: 200 },
        heartbeatTimeout: IFRAME_HEARTBEAT_TIMEOUT,
      });
      if (!consumer) throw new Error('no consumer opened');
      await consumer.waitOpen();
      await consumer.waitPosition();
      const victimIndex = await cluster.nodeServing(stats);
      const victim = cluster.nodes[victimIndex] as MockProcess;

      // The page records each message's `data.n`: the publisher's running count.
      const firstN = cluster.published;
      await cluster.publish(BATCH);
      await consumer.waitReceived(firstN);
      const killedAt = performance.now();
      await victim.kill();
      await cluster.publish(BATCH);
      await consumer.waitReceived(firstN + 2 * BATCH - 1);
      const resumedMs = performance.now() - killedAt;
      expect(await cluster.nodeServing(stats)).not.toBe(victimIndex);
      await cluster.publish(BATCH);
      await consumer.waitReceived(firstN + 3 * BATCH - 1);

      const { received } = await consumer.finish();
      const expected = Array.from({ length: 3 * BATCH }, (_, n) => firstN + n);
      figures.push({
        transport: name,
        published: expected.length,
        lost: expected.filter((n) => !received.includes(n)).length,
        duplicated: received.length - new Set(received).size,
        'kill to every missed message in (ms)': Math.round(resumedMs),
      });
      expect(received).toEqual(expected);
      cluster.nodes[victimIndex] = await victim.restart();
    },
    60_000,
  );
});
