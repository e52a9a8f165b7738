// createRealtime in headless Chromium, with the platform's own WebSocket, EventSource and fetch,
// against the real mock server behind each hostile network setting. The page is bundled from
// source and served by the mock server, so every endpoint is same-origin.
import { join } from 'node:path';
import { type HostileNetwork, type MockServer, startMockServer } from '@tidings/mock-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../e2e/browser';
import { buildTestPage, type TestPageDir } from '../shared/buildTestPage';
import type { RealtimePageState } from './realtimePage/realtimePage';

const TOTAL = 2000;
/** Batches stay inside the mock server's log (1000), which long polling resumes from. */
const BATCH = 500;
const WAIT = { timeout: 30_000, polling: 20 };

let site: TestPageDir;
let browser: Browser;
let server: MockServer | undefined;
let page: Page | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  site = await buildTestPage(join(import.meta.dirname, 'realtimePage', 'realtimePage.ts'), {
    title: 'tidings realtime',
    external: ['mqtt', 'socket.io-client', 'event-source-polyfill'],
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.remove();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  await server?.close();
  server = undefined;
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  pageErrors = [];
});

async function openPage(network: HostileNetwork): Promise<{ page: Page; server: MockServer }> {
  server = await startMockServer({ port: 0, staticDir: site.dir, network });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.realtime !== undefined, undefined, WAIT);
  await page.evaluate(() => window.realtime.open());
  return { page, server };
}

const read = (on: Page) => on.evaluate(() => window.realtime.state) as Promise<RealtimePageState>;

/**
 * Publishes TOTAL messages in batches: the first once the page holds a position, each next one
 * after the next switch of `path` and once the previous batch arrived; then waits for all.
 */
async function publishAcrossSwitches(on: Page, to: MockServer, path: string[]) {
  const sent: string[] = [];
  await on.waitForFunction(() => window.realtime.state.cursor !== undefined, undefined, WAIT);
  for (let batch = 0; sent.length < TOTAL; batch++) {
    const switches = Math.min(batch, path.length - 1);
    await on.waitForFunction(
      ([count, delivered]) =>
        window.realtime.state.switches.length >= count &&
        window.realtime.state.ids.length >= delivered,
      [switches, sent.length] as const,
      WAIT,
    );
    for (let n = 0; n < BATCH && sent.length < TOTAL; n++) {
      sent.push(to.publish({ type: 'notification', data: { n: sent.length } }).id);
    }
  }
  await on.waitForFunction(
    ([transport, count]) =>
      window.realtime.state.transport === transport && window.realtime.state.ids.length >= count,
    [path.at(-1), TOTAL] as const,
    WAIT,
  );
  return sent;
}

const cases: Array<{ name: string; network: HostileNetwork; path: string[]; switches: string[] }> =
  [
    {
      name: 'WebSocket upgrades refused',
      network: { refuseUpgrades: true },
      path: ['webSocket', 'sse'],
      switches: ['webSocket>sse:refused'],
    },
    {
      name: 'upgrades refused and the event stream buffered',
      network: { refuseUpgrades: true, bufferSse: true },
      path: ['webSocket', 'sse', 'longPoll'],
      switches: ['webSocket>sse:refused', 'sse>longPoll:buffered'],
    },
    {
      name: 'every connection cut after 150 ms',
      network: { cutAfter: 150 },
      path: ['webSocket', 'sse', 'longPoll', 'polling'],
      switches: ['webSocket>sse:cut', 'sse>longPoll:cut', 'longPoll>polling:cut'],
    },
  ];

describe('createRealtime in Chromium behind a hostile network', () => {
  for (const { name, network, path, switches } of cases) {
    // 2,000 messages through up to four transports: room for a loaded machine, never a bound.
    it(`${name}: ends on ${path.at(-1)}, ${TOTAL} messages, none lost or repeated`, {
      timeout: 60_000,
    }, async ({ annotate }) => {
      const opened = await openPage(network);
      const sent = await publishAcrossSwitches(opened.page, opened.server, path);
      const state = await read(opened.page);
      const duplicated = state.ids.length - new Set(state.ids).size;
      const lost = sent.filter((id) => !state.ids.includes(id)).length;
      expect(state.switches).toEqual(switches);
      expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
      expect(state.ids).toEqual(sent);
      await annotate(
        `Chromium: open on ${path.at(-1)} ${state.openAfter[path.at(-1) as keyof typeof state.openAfter]} ms after open(); lost ${lost}, duplicated ${duplicated} of ${sent.length}`,
      );
    });
  }
});
