// The auth refresh scenario (see authScenarios.ts) in headless Chromium over the transports only a
// browser has: the hidden-iframe stream, the platform's EventSource and event-source-polyfill. The
// page is bundled from source and served by the mock server in auth mode itself (every endpoint
// same-origin) or by one on another site; either way the first token of every channel is refused.
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../e2e/browser';
import { buildTestPage, type TestPageDir } from '../shared/buildTestPage';
import { EXPIRED, FRESH, ROTATED } from './authCredentials';
import type { AuthPageCase, AuthPageState } from './authPage/authPage';

/** Generous for a loaded 2-core machine: the waits end on the event, never on the clock. */
const WAIT = { timeout: 30_000, polling: 20 };

let pageDir: TestPageDir;
let browser: Browser;
/** The servers of the running test: the auth server, and the page's own when it is another site. */
const servers: MockServer[] = [];
let page: Page | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  pageDir = await buildTestPage(join(import.meta.dirname, 'authPage', 'authPage.ts'), {
    title: 'tidings auth',
    // event-source-polyfill is bundled: the polyfill case runs the real package in the page.
    external: ['mqtt', 'socket.io-client'],
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pageDir?.remove();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  for (const server of servers.splice(0)) await server.close();
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  pageErrors = [];
});

/**
 * Where the page comes from: the auth server itself (`same-origin`), or a server of its own on
 * another site (`cross-site`: the page at localhost, the streams at 127.0.0.1, so the refused
 * iframe is another site's frame and the EventSource a CORS request).
 */
type Site = 'same-origin' | 'cross-site';

async function openPage(
  which: AuthPageCase,
  refresh: boolean,
  site: Site = 'same-origin',
  midSession = false,
): Promise<{ page: Page; server: MockServer }> {
  const pageServer =
    site === 'cross-site' ? await startMockServer({ port: 0, staticDir: pageDir.dir }) : undefined;
  if (pageServer) servers.push(pageServer);
  const pageOrigin = pageServer && `http://localhost:${pageServer.port}`;
  const server = await startMockServer({
    port: 0,
    staticDir: pageDir.dir,
    authTokens: [FRESH],
    allowOrigins: pageOrigin ? [pageOrigin] : [],
    // Mid-session, the iframe sees its stream cut only by the pings going quiet.
    ...(midSession ? { heartbeatMs: 50 } : {}),
  });
  servers.push(server);
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${pageOrigin ?? server.url}/index.html`);
  await page.waitForFunction(() => window.auth !== undefined, undefined, WAIT);
  await page.evaluate(
    ([name, retry, streams, expires]) => window.auth.open(name, retry, streams, expires),
    [which, refresh, server.url, midSession] as const,
  );
  return { page, server };
}

const read = async (on: Page): Promise<AuthPageState> => {
  const state = await on.evaluate(() => window.auth.read());
  if (!state) throw new Error('the page has not opened its channel');
  return state;
};

const cases: Array<{
  which: AuthPageCase;
  name: string;
  /** What `raw()` of the open channel is: the client the test means to prove. */
  client: string;
  /** The refusal `onAuthError` gets, given the server's URL. */
  refusal: (origin: string) => string;
}> = [
  {
    which: 'iframe',
    name: 'the hidden-iframe stream (an async url getter with the token in the query)',
    client: 'iframe',
    refusal: (origin) =>
      `The iframe stream ${origin}/iframe/stream?… was refused with 401 (token missing or expired)`,
  },
  {
    which: 'sseNative',
    name: "SSE over the platform's EventSource (an async url getter with the token in the query)",
    client: 'EventSource',
    refusal: (origin) => `HTTP 401 from ${origin}/api/sse?…`,
  },
  {
    which: 'ssePolyfill',
    name: 'SSE over event-source-polyfill (async headers)',
    client: 'EventSourcePolyfill',
    refusal: (origin) => `HTTP 401 from ${origin}/api/sse`,
  },
];

const sites: Site[] = ['same-origin', 'cross-site'];

describe.each(sites)(
  'auth refresh in Chromium against the mock server in auth mode, %s page',
  (site) => {
    for (const { which, name, client, refusal } of cases) {
      it(`${name}: the expired token is refused, onAuthError refreshes it, the retry opens and messages flow`, {
        timeout: 60_000,
      }, async () => {
        const opened = await openPage(which, true, site);
        await opened.page.waitForFunction(
          () => {
            const state = window.auth.read();
            return state !== undefined && state.refusals.length >= 1 && state.status === 'open';
          },
          undefined,
          WAIT,
        );
        const atOpen = await read(opened.page);
        expect(atOpen.refusals).toEqual([{ kind: 'auth', attempt: 1 }]);
        // Called again for the retry: never cached across attempts.
        expect(atOpen.calls).toBeGreaterThanOrEqual(2);
        expect(atOpen.token).toBe(FRESH);
        expect(atOpen.error).toBeNull();
        expect(atOpen.clientAtOpen).toBe(client);
        // The refusal names the URL; where the token rode in it, the query shows as `?…`.
        expect(atOpen.refusedWith).toEqual([refusal(opened.server.url)]);
        expect(atOpen.stateErrors).toEqual([refusal(opened.server.url)]);
        expect(atOpen.reported).toEqual([refusal(opened.server.url)]);

        const message = opened.server.publish({ type: 'notification', data: { n: 1 } });
        await opened.page.waitForFunction(
          (id) => window.auth.read()?.ids.includes(id) === true,
          message.id,
          WAIT,
        );
        const after = await read(opened.page);
        expect(after.ids).toEqual([message.id]);
        expect(after.refusals).toHaveLength(1);
        expect(after).toMatchObject({ status: 'open', error: null });
        // The refused attempt's frame went with it: one iframe streams, none where none is used.
        expect(after.frames).toBe(which === 'iframe' ? 1 : 0);
        const shown = [...after.refusedWith, ...after.stateErrors, ...after.reported];
        expect(shown.filter((text) => text.includes(EXPIRED))).toEqual([]);
      });
    }
  },
);

describe.each(sites)(
  'a final refusal in Chromium against the mock server in auth mode, %s page',
  (site) => {
    for (const { which, name, refusal } of cases) {
      it(`${name}: onAuthError answering false closes the channel with the redacted 401, one attempt`, {
        timeout: 60_000,
      }, async () => {
        const opened = await openPage(which, false, site);
        await opened.page.waitForFunction(
          () => window.auth.read()?.status === 'closed',
          undefined,
          WAIT,
        );
        const state = await read(opened.page);
        expect(state.error).toEqual({
          kind: 'auth',
          status: 401,
          retryable: false,
          message: refusal(opened.server.url),
        });
        expect(state.refusedWith).toEqual([refusal(opened.server.url)]);
        expect(state.reported).toEqual([refusal(opened.server.url)]);
        // No retry: the getter ran for the one attempt, and the token was never refreshed.
        expect(state).toMatchObject({ calls: 1, token: EXPIRED, refusals: [], frames: 0 });
        expect(state.clientAtOpen).toBeUndefined();
      });
    }
  },
);

describe.each(sites)(
  'a token expiring mid-session in Chromium against the mock server in auth mode, %s page',
  (site) => {
    for (const { which, name } of cases) {
      it(`${name}: the refused reconnect is refreshed once and resumes: 0 lost, 0 duplicated, in order`, {
        timeout: 60_000,
      }, async () => {
        const { page: on, server } = await openPage(which, true, site, true);
        await on.waitForFunction(() => window.auth.read()?.status === 'open', undefined, WAIT);
        const published: string[] = [];
        const publish = (phase: string, count: number) => {
          for (let n = 1; n <= count; n++) {
            published.push(server.publish({ type: 'notification', data: { phase, n } }).id);
          }
        };
        const delivered = (ids: string[]) =>
          on.waitForFunction(
            (want) => want.every((id) => window.auth.read()?.ids.includes(id)),
            ids,
            WAIT,
          );

        publish('before', 3);
        await delivered(published);

        // FRESH expires: the server cuts the stream and refuses its reconnect.
        server.setAuthTokens([ROTATED]);
        publish('cut', 2);
        await on.waitForFunction(
          () => {
            const state = window.auth.read();
            return state !== undefined && state.refusals.length >= 1 && state.status === 'open';
          },
          undefined,
          WAIT,
        );
        publish('after', 3);
        // The page published 2 more while refused: the log holds them between cut and after.
        await delivered(published);
        const state = await read(on);
        const logged = server.stats().messages;
        expect(logged).toBe(10);
        const seen = new Set(state.ids);
        expect({
          lost: logged - seen.size,
          duplicated: state.ids.length - seen.size,
        }).toEqual({ lost: 0, duplicated: 0 });
        // In log order, ids increase: the page's 2 sit between the cut and the after messages.
        expect(state.ids).toEqual([...state.ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
        expect(state.ids).toEqual(expect.arrayContaining(published));
        expect(state.refusals).toHaveLength(1);
        expect(state).toMatchObject({ token: ROTATED, status: 'open', error: null });
      });
    }
  },
);
