// Cross-tab sharing in real Chromium: one browser context (one origin's Web Locks and
// BroadcastChannels), several pages served by the real mock server, each page running its own
// tidings bundle. Prints the figures (connections for N tabs, failover times, lost/duplicated)
// as a table; the assertions are about delivery and connection counts, never about time.
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MockServer, startMockServer, type TransportName } from '@tidings/mock-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../e2e/browser';
import type { TestPageDir } from '../shared/buildTestPage';
import { stats } from '../shared/mockServerHelpers';
import { buildCrossTabPage } from './buildCrossTabPage';
import type { PageConsumerState, PageTransport } from './page/crossTabPage';

/** The mock server's counter for each page transport. */
const counterOf: Record<PageTransport, TransportName> = {
  longPoll: 'longPoll',
  sse: 'sse',
  native: 'sse',
  ws: 'ws',
  socketio: 'socketio',
  mqtt: 'mqtt',
  iframe: 'iframe',
};

/** Every subscription transport; SSE over the native EventSource has its own test (10 pages). */
const EVERY: PageTransport[] = ['longPoll', 'sse', 'ws', 'socketio', 'mqtt', 'iframe'];
/** Waits on a loaded 2-core machine running 8 pages: generous, and event-driven. */
const WAIT = { timeout: 60_000, interval: 100 };
const RUN_TIMEOUT = 240_000;

let site: TestPageDir;
let browser: Browser;
let server: MockServer;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];
const figures: string[] = [];
let run = 0;

beforeAll(async () => {
  [site, browser] = await Promise.all([buildCrossTabPage(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.remove();
  console.log(
    `\nCross-tab sharing in Chromium (${new Date().toISOString()})\n\n${figures.join('\n')}\n`,
  );
});

beforeEach(async () => {
  server = await startMockServer({ port: 0, staticDir: site.dir });
  pageErrors = [];
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  await server.close();
  expect(pageErrors, 'uncaught errors in the pages').toEqual([]);
});

/** Opens `count` pages of one browser context, each with a cross-tab consumer per transport. */
async function openPages(
  count: number,
  transports: PageTransport[],
  type: string,
  crossTab = true,
): Promise<Page[]> {
  context ??= await browser.newContext();
  const pages: Page[] = [];
  // Every page loads before any opens a stream: without crossTab, streams past the browser's 6
  // connections per host would leave no connection to load a page with.
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.crossTab !== undefined);
    pages.push(page);
  }
  for (const page of pages) {
    await page.evaluate(
      ({ transports, type, crossTab }) => {
        for (const transport of transports) window.crossTab.open(transport, type, crossTab);
      },
      { transports, type, crossTab },
    );
  }
  return pages;
}

function statesOf(page: Page, transports: PageTransport[]) {
  return page.evaluate(
    (transports) => transports.map((transport) => window.crossTab.state(transport)),
    transports,
  );
}

/** Every page's state of every transport: `[page][transport]`. */
function allStates(pages: Page[], transports: PageTransport[]): Promise<PageConsumerState[][]> {
  return Promise.all(pages.map((page) => statesOf(page, transports)));
}

/** Waits until every page is open on every transport, with one leader per transport. */
async function waitForOneLeaderEach(pages: Page[], transports: PageTransport[]) {
  await vi.waitFor(async () => {
    const states = await allStates(pages, transports);
    transports.forEach((transport, t) => {
      expect(
        states.map((s) => s[t]?.status),
        transport,
      ).toEqual(pages.map(() => 'open'));
      expect(
        states.filter((s) => s[t]?.leading),
        transport,
      ).toHaveLength(1);
    });
  }, WAIT);
}

function publish(type: string, from: number, to: number): void {
  for (let n = from; n < to; n++) server.publish({ type, data: { n } });
}

/** Lost and duplicated messages of 0..total-1 in what one consumer received. */
function delivery(received: number[], total: number) {
  const seen = new Set(received);
  let lost = 0;
  for (let n = 0; n < total; n++) if (!seen.has(n)) lost++;
  return { lost, duplicated: received.length - seen.size };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

describe('cross-tab sharing in Chromium', () => {
  it('8 pages on every transport: the server holds 1 connection per transport, every page receives', {
    timeout: RUN_TIMEOUT,
  }, async () => {
    const type = `crosstab-${++run}`;
    const pages = await openPages(8, EVERY, type);
    await waitForOneLeaderEach(pages, EVERY);
    await vi.waitFor(() => {
      for (const transport of EVERY) {
        expect(stats(server, counterOf[transport]).connections, transport).toBe(1);
      }
    }, WAIT);
    publish(type, 0, 20);
    await vi.waitFor(async () => {
      for (const states of await allStates(pages, EVERY)) {
        EVERY.forEach((transport, t) => {
          const state = states[t];
          expect({ transport, received: state?.received, errors: state?.errors }).toEqual({
            transport,
            received: [...Array(20).keys()],
            errors: [],
          });
        });
      }
    }, WAIT);
    figures.push(
      `connections held by the server for 8 tabs: ${EVERY.map(
        (transport) => `${transport} ${stats(server, counterOf[transport]).connections}`,
      ).join(', ')}`,
    );
  });

  it('leader pages closed in the middle of 2,000 messages: every remaining page receives all 2,000 exactly once', {
    timeout: RUN_TIMEOUT,
  }, async () => {
    const type = `crosstab-${++run}`;
    const total = 2000;
    const pages = await openPages(8, EVERY, type);
    await waitForOneLeaderEach(pages, EVERY);
    let open = [...pages];
    const failovers: Record<string, { took: number[]; opened: number[] }> = {};
    // A leader page closes every 400 messages, each time the leader of the next transport.
    const closeAt = new Map([400, 800, 1200, 1600, 1800].map((at, i) => [at, EVERY[i]]));
    for (let published = 0; published < total; published += 100) {
      const victim = closeAt.get(published);
      if (victim) {
        const states = await allStates(open, EVERY);
        const leaderIndex = states.findIndex((s) => s[EVERY.indexOf(victim)]?.leading);
        const leaderPage = open[leaderIndex] as Page;
        // Every transport this page leads fails over now.
        const led = EVERY.filter((_, t) => states[leaderIndex]?.[t]?.leading);
        open = open.filter((page) => page !== leaderPage);
        const closedAt = Date.now();
        await leaderPage.close();
        await vi.waitFor(async () => {
          const after = await allStates(open, led);
          const newLeaders = led.map((transport, t) => {
            const newLeader = after.find((s) => s[t]?.leading)?.[t];
            expect(newLeader?.openedAt, `${transport}: a new leader connected`).toBeDefined();
            return newLeader as PageConsumerState;
          });
          // Recorded once, when every transport the closed page led has a connected new leader.
          led.forEach((transport, t) => {
            const newLeader = newLeaders[t] as PageConsumerState;
            failovers[transport] ??= { took: [], opened: [] };
            failovers[transport].took.push((newLeader.ledAt as number) - closedAt);
            failovers[transport].opened.push((newLeader.openedAt as number) - closedAt);
          });
        }, WAIT);
      }
      publish(type, published, published + 100);
      // The publisher stays at most 400 ahead of the slowest page, as the chaos suite does.
      await vi.waitFor(async () => {
        const states = await allStates(open, EVERY);
        const slowest = Math.min(...states.flat().map((s) => new Set(s.received).size));
        expect(slowest).toBeGreaterThanOrEqual(published + 100 - 400);
      }, WAIT);
    }
    await vi.waitFor(async () => {
      for (const states of await allStates(open, EVERY)) {
        for (const state of states) expect(new Set(state.received).size).toBe(total);
      }
    }, WAIT);
    const final = await allStates(open, EVERY);
    for (const [t, transport] of EVERY.entries()) {
      const counts = final.map((states) => delivery(states[t]?.received ?? [], total));
      const lost = counts.reduce((sum, c) => sum + c.lost, 0);
      const duplicated = counts.reduce((sum, c) => sum + c.duplicated, 0);
      const entry = failovers[transport];
      figures.push(
        `${transport}: ${open.length} remaining pages × ${total} messages, lost ${lost}, duplicated ${duplicated}; ` +
          (entry
            ? `${entry.took.length} failovers, lock taken p50 ${percentile(entry.took, 50)} ms / p95 ${percentile(entry.took, 95)} ms, new connection open p50 ${percentile(entry.opened, 50)} ms / p95 ${percentile(entry.opened, 95)} ms`
            : 'no failover'),
      );
      expect({ transport, lost, duplicated }).toEqual({ transport, lost: 0, duplicated: 0 });
    }
  });

  it('10 pages on SSE over the native EventSource all receive: the 6-per-host limit no longer bites', {
    timeout: RUN_TIMEOUT,
  }, async () => {
    // First without crossTab, for the figure: the browser opens 6 of the 10 streams.
    const alone = `crosstab-${++run}`;
    const lonely = await openPages(10, ['native'], alone, false);
    await vi.waitFor(() => expect(stats(server, 'sse').connections).toBe(6), WAIT);
    publish(alone, 0, 20);
    await vi.waitFor(async () => {
      const states = await allStates(lonely, ['native']);
      expect(states.filter(([state]) => state?.received.length === 20)).toHaveLength(6);
    }, WAIT);
    const reached = (await allStates(lonely, ['native'])).filter(
      ([state]) => state?.received.length === 20,
    ).length;
    figures.push(
      `native EventSource, 10 tabs without crossTab: ${stats(server, 'sse').connections} connections, ${reached} of 10 tabs received (when the 6 had)`,
    );
    await context?.close();
    context = undefined;
    await vi.waitFor(() => expect(stats(server, 'sse').connections).toBe(0), WAIT);

    const type = `crosstab-${++run}`;
    const pages = await openPages(10, ['native'], type);
    await waitForOneLeaderEach(pages, ['native']);
    publish(type, 0, 20);
    await vi.waitFor(async () => {
      for (const [state] of await allStates(pages, ['native'])) {
        expect(state?.received).toEqual([...Array(20).keys()]);
      }
    }, WAIT);
    // The server counts a stream until it sees its socket close, on its own schedule (a leader
    // replaced on a loaded machine closes one): wait for the count to settle at one.
    await vi.waitFor(() => expect(stats(server, 'sse').connections).toBe(1), WAIT);
    figures.push(
      `native EventSource, 10 tabs with crossTab: ${stats(server, 'sse').connections} connection, 10 of 10 tabs received`,
    );
  });

  it("a follower page's chat send reaches the server once and every page hears it once", {
    timeout: RUN_TIMEOUT,
  }, async () => {
    const type = `crosstab-${++run}`;
    const pages = await openPages(4, ['ws'], type);
    await waitForOneLeaderEach(pages, ['ws']);
    const states = await allStates(pages, ['ws']);
    const follower = pages[states.findIndex(([state]) => !state?.leading)] as Page;
    const status = await follower.evaluate(() => window.crossTab.send('hello from a follower'));
    expect(status).toBe('sent');
    await vi.waitFor(async () => {
      for (const [state] of await allStates(pages, ['ws'])) {
        expect(state?.chats).toEqual(['hello from a follower']);
      }
    }, WAIT);
    expect(server.stats().messages).toBe(1);
    // As above: the server's count of sockets settles on its own schedule.
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(1), WAIT);
  });
});

/**
 * A page whose main thread is stuck (a long task, a frozen renderer) until the test lets go: a
 * synchronous XHR to a local server that answers only on `release()`.
 */
async function startStall() {
  const held: ServerResponse[] = [];
  const stall = createServer((_request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    held.push(response);
  });
  stall.listen(0, '127.0.0.1');
  await once(stall, 'listening');
  const { port } = stall.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    held: () => held.length,
    release() {
      for (const response of held.splice(0)) response.end('ok');
    },
    close: () => new Promise((resolve) => stall.close(resolve)),
  };
}

describe('a stuck leader page in Chromium', () => {
  it('is replaced once silent past staleMs; the others go on, and it catches up once it runs again', {
    timeout: RUN_TIMEOUT,
  }, async () => {
    const type = `crosstab-${++run}`;
    const stall = await startStall();
    try {
      const pages = await openPages(3, ['ws'], type);
      await waitForOneLeaderEach(pages, ['ws']);
      const states = await allStates(pages, ['ws']);
      const leader = pages[states.findIndex(([state]) => state?.leading)] as Page;
      const others = pages.filter((page) => page !== leader);
      const stuckAt = Date.now();
      const stuck = leader.evaluate((url) => {
        const request = new XMLHttpRequest();
        request.open('GET', url, false);
        request.send();
      }, stall.url);
      await vi.waitFor(() => expect(stall.held()).toBe(1), WAIT);
      await vi.waitFor(async () => {
        const after = await allStates(others, ['ws']);
        expect(after.filter(([state]) => state?.leading && state.openedAt)).toHaveLength(1);
      }, WAIT);
      const [newLeader] = (await allStates(others, ['ws'])).find(([s]) => s?.leading) ?? [];
      figures.push(
        `stuck leader (main thread blocked, lock still held): lock stolen after ${(newLeader?.ledAt ?? stuckAt) - stuckAt} ms (staleMs 3000), new connection open after ${(newLeader?.openedAt ?? stuckAt) - stuckAt} ms`,
      );
      publish(type, 0, 50);
      await vi.waitFor(async () => {
        for (const [state] of await allStates(others, ['ws'])) {
          expect(state?.received).toEqual([...Array(50).keys()]);
        }
      }, WAIT);
      stall.release();
      await stuck;
      await vi.waitFor(async () => {
        const [[state]] = (await allStates([leader], ['ws'])) as [[PageConsumerState]];
        expect(state.received).toEqual([...Array(50).keys()]);
        expect(state.leading).toBe(false);
      }, WAIT);
      await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(1), WAIT);
    } finally {
      stall.release();
      await stall.close();
    }
  });
});
