// The delivery promise under chaos for the transports only a browser runs: the hidden-iframe
// stream and SSE over the platform EventSource. The same scenarios as chaos.test.ts, against the
// same mock-server process, with the consumers in a page of headless Chromium served by that
// process (so the iframe's origin check and the server's origin policy see one origin). Prints its
// rows in the same table. Every row must show 0 lost, 0 duplicated and 0 out of order.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../e2e/browser';
import type { TestPageDir } from '../shared/buildTestPage';
import { buildChaosPage } from './buildChaosPage';
import { expectDeliveredOnce, MIN_CUTS, RUN_TIMEOUT } from './deliveryExpectations';
import { type DeliveryReport, deliveryTable } from './deliveryReport';
import { startMockProcess } from './mockProcess';
import type { PageRunOptions } from './page/chaosPage';
import { pageConsumers } from './pageConsumers';
import {
  runCuts,
  runFaults,
  runFirstDown,
  runRestart,
  type ServerHandle,
  type SubjectTraits,
  WAIT,
} from './scenarios';
import { CHAOS_TYPE } from './subjects';

interface BrowserSubject extends SubjectTraits {
  transport: PageRunOptions['transport'];
}

const subjects: BrowserSubject[] = [
  { name: 'iframe stream', transport: 'iframe', survivesRestart: true, keepsOrder: true },
  {
    name: 'SSE (native EventSource)',
    transport: 'native',
    survivesRestart: true,
    keepsOrder: true,
  },
];

/**
 * A cut iframe response fires no `load` in Chromium, so the page learns of a cut only from silence.
 * The publisher keeps the stream busy, so this notices a cut quickly without false alarms; the
 * server's 5 s ping covers only idle streams, and an idle false alarm would just resume.
 */
const IFRAME_HEARTBEAT_TIMEOUT = 1500;

const rows: DeliveryReport[] = [];
let site: TestPageDir;
let browser: Browser;
/** The page of the running test, and what went wrong in it. */
let current: { page: Page; errors: string[] } | undefined;

beforeAll(async () => {
  [site, browser] = await Promise.all([buildChaosPage(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.remove();
  console.log(
    `\nDelivery under chaos in Chromium (${new Date().toISOString()})\n\n${deliveryTable(rows)}\n`,
  );
});

afterEach(async () => {
  const done = current;
  current = undefined;
  if (!done) return;
  await done.page.close();
  expect(done.errors, 'uncaught errors in the chaos page').toEqual([]);
});

/** Opens the chaos page on the server's own origin and `count` consumers of one wire in it. */
function inPage(subject: BrowserSubject) {
  return async (url: string, count: number) => {
    const opened = await browser.newPage();
    const errors: string[] = [];
    opened.on('pageerror', (error) => errors.push(error.message));
    current = { page: opened, errors };
    await opened.goto(`${url}/index.html`);
    await opened.waitForFunction(() => window.chaos !== undefined, undefined, {
      timeout: WAIT.timeout,
    });
    return pageConsumers(opened, {
      transport: subject.transport,
      url,
      count,
      type: CHAOS_TYPE,
      reconnect: { minDelay: 10, maxDelay: 200 },
      heartbeatTimeout: IFRAME_HEARTBEAT_TIMEOUT,
    });
  };
}

function expectExactlyOnce(reports: DeliveryReport[]) {
  rows.push(...reports);
  expectDeliveredOnce(reports, true);
}

/**
 * The cuts reached the page and it resumed. Many cuts land while the page is already reconnecting
 * (an iframe needs IFRAME_HEARTBEAT_TIMEOUT to notice one, while the publisher runs ahead), so the
 * reconnects are fewer than the cuts, but never none.
 */
function expectResumed(reports: DeliveryReport[]) {
  for (const report of reports) expect(report.reconnects, report.scenario).toBeGreaterThan(0);
}

for (const subject of subjects) {
  describe(`${subject.name} in Chromium under chaos`, () => {
    const server = {} as ServerHandle;
    const run = (seed: number) => ({ subject, server, seed, consumers: inPage(subject) });

    beforeAll(async () => {
      server.current = await startMockProcess({ staticDir: site.dir });
    });
    afterAll(async () => {
      await server.current?.kill();
    });

    it('2,000 messages with 20+ random cuts', { timeout: RUN_TIMEOUT }, async () => {
      const { reports, cuts } = await runCuts(run(1));
      expect(cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expectExactlyOnce(reports);
      expectResumed(reports);
      expect(reports[0]?.resets).toBe(0);
    });

    it('2,000 messages under 503s, latency and cuts', { timeout: RUN_TIMEOUT }, async () => {
      const { reports, cuts } = await runFaults(run(2));
      expect(cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expectExactlyOnce(reports);
      expectResumed(reports);
    });

    it('two consumers sharing one wire, with cuts', { timeout: RUN_TIMEOUT }, async () => {
      const { reports, cuts } = await runCuts(run(3), 2, 'shared wire, cuts');
      expect(cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expect(reports).toHaveLength(2);
      expectExactlyOnce(reports);
      expectResumed(reports);
    });

    it('the first connection goes down before any message', { timeout: RUN_TIMEOUT }, async () => {
      expectExactlyOnce(await runFirstDown(run(4)));
    });

    it('the server process is killed and restarted: a reset is reported, nothing it holds is lost', {
      timeout: RUN_TIMEOUT,
    }, async () => {
      const reports = await runRestart(run(5));
      expectExactlyOnce(reports);
      expect(reports[0]?.resets).toBeGreaterThanOrEqual(1);
    });
  });
}
