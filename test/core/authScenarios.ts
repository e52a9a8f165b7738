import type { Channel } from '@tidings/core';
import { type MockServer, type MockServerOptions, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageOrigins } from '../shared/mockServerHelpers';
import { type Credentials, credentials, FRESH, ROTATED } from './authCredentials';

export { type Credentials, credentials, EXPIRED, FRESH, ROTATED } from './authCredentials';

/** The part of any transport's channel the scenario drives. */
type AnyChannel = Pick<Channel<unknown, unknown>, 'connect' | 'close' | 'getState'>;

export interface AuthSubject {
  channel: AnyChannel;
  /** Ids of the mock server's messages delivered so far. */
  ids(): string[];
  /**
   * Set when `ids()` is the server's latest snapshot of this many messages rather than everything
   * delivered (short polling: no cursor, every poll re-reads the window).
   */
  window?: number;
}

/** Opens a channel to `server` whose credentials come from `auth` (not yet connected). */
export type OpenWithAuth = (server: MockServer, auth: Credentials) => AuthSubject;

/**
 * A mock server in auth mode (only `FRESH` accepted) for each test of the calling `describe`, and
 * the channels the test opened on it, closed after it.
 */
function authServerPerTest(serverOptions: MockServerOptions) {
  let server: MockServer | undefined;
  const channels: AnyChannel[] = [];
  beforeEach(async () => {
    server = await startMockServer({
      ...serverOptions,
      port: 0,
      authTokens: [FRESH],
      allowOrigins: pageOrigins(),
    });
  });
  afterEach(async () => {
    for (const channel of channels.splice(0)) channel.close();
    await server?.close();
    server = undefined;
  });
  return {
    get server(): MockServer {
      if (!server) throw new Error('the auth server runs only inside a test');
      return server;
    },
    /** Opens the transport's channel on this test's server; it is closed after the test. */
    open(open: OpenWithAuth, auth: Credentials): AuthSubject {
      const subject = open(this.server, auth);
      channels.push(subject.channel);
      return subject;
    },
  };
}

/**
 * The refresh scenario on one transport against the real mock server in auth mode: the expired
 * token is refused, `onAuthError` refreshes it and asks for a retry, the retry carries the fresh
 * token (the getter is called again) and messages flow.
 */
export function describeAuthRefresh(
  name: string,
  open: OpenWithAuth,
  serverOptions: MockServerOptions = {},
) {
  describe(`auth refresh over ${name} against the mock server`, () => {
    const run = authServerPerTest(serverOptions);

    it('an expired token is refused, onAuthError refreshes it, the retry succeeds and messages flow', async () => {
      const auth = credentials();
      const subject = run.open(open, auth);
      subject.channel.connect();
      // A WebSocket opens before the server closes it with 4401: wait for the open after the refusal.
      await vi.waitFor(() => {
        expect(auth.refusals).toHaveLength(1);
        expect(subject.channel.getState().status).toBe('open');
      });
      expect(auth.refusals).toEqual([{ kind: 'auth', attempt: 1 }]);
      // Called again for the retry: never cached across attempts.
      expect(auth.calls).toBeGreaterThanOrEqual(2);
      expect(auth.token).toBe(FRESH);
      expect(subject.channel.getState().error).toBeNull();

      const message = run.server.publish({ type: 'notification', data: { n: 1 } });
      await vi.waitFor(() => expect(subject.ids()).toContain(message.id));
      expect(auth.refusals).toHaveLength(1);
    });
  });
}

/** Messages lost and delivered twice, against what the server published (in order). */
function delivery(published: string[], delivered: string[]) {
  const seen = new Set(delivered);
  return {
    lost: published.filter((id) => !seen.has(id)).length,
    duplicated: delivered.length - seen.size,
  };
}

/**
 * A token that expires in the middle of a session, as a JWT does after an hour: the channel opens
 * with a valid token and receives messages; the server rotates its tokens (cutting the connection
 * the old one opened) and refuses the reconnect; `onAuthError` refreshes to the new token and the
 * channel reopens from its cursor. Every message published before, while cut, while refused and
 * after arrives exactly once, in order.
 */
export function describeMidSessionExpiry(
  name: string,
  open: OpenWithAuth,
  serverOptions: MockServerOptions = {},
) {
  describe(`a token expiring mid-session over ${name} against the mock server`, () => {
    const run = authServerPerTest(serverOptions);

    it('the refused reconnect is refreshed once and resumes: 0 lost, 0 duplicated, in order', async () => {
      const published: string[] = [];
      const publish = (phase: string, count: number) => {
        for (let n = 1; n <= count; n++) {
          published.push(run.server.publish({ type: 'notification', data: { phase, n } }).id);
        }
      };
      const auth = credentials({
        token: FRESH,
        refreshed: () => ROTATED,
        // The channel is cut and its reconnect was just refused: these can only arrive on resume.
        onRefusal: () => publish('refused', 2),
      });
      const subject = run.open(open, auth);
      subject.channel.connect();
      await vi.waitFor(() => expect(subject.channel.getState().status).toBe('open'));

      publish('before', 3);
      await vi.waitFor(() => expect(subject.ids()).toEqual(expect.arrayContaining(published)));
      expect(subject.ids()).toEqual(expectedOf(published));
      expect(auth.refusals).toEqual([]);

      // FRESH expires: the server cuts what it opened and refuses it from now on.
      run.server.setAuthTokens([ROTATED]);
      publish('cut', 2);

      await vi.waitFor(() => {
        expect(auth.refusals).toHaveLength(1);
        expect(subject.channel.getState().status).toBe('open');
      });
      publish('after', 3);

      await vi.waitFor(() =>
        expect(subject.ids()).toEqual(expect.arrayContaining(expectedOf(published))),
      );
      expect(delivery(expectedOf(published), subject.ids())).toEqual({ lost: 0, duplicated: 0 });
      expect(subject.ids()).toEqual(expectedOf(published));
      expect(published).toHaveLength(10);
      // Once per refusal: the refreshed token is accepted at the first retry.
      expect(auth.refusals).toEqual([{ kind: 'auth', attempt: expect.any(Number) }]);
      expect(auth.token).toBe(ROTATED);
      expect(subject.channel.getState().error).toBeNull();
      expect(subject.channel.getState().status).toBe('open');

      function expectedOf(ids: string[]) {
        return subject.window === undefined ? ids : ids.slice(-subject.window);
      }
    });
  });
}

/**
 * Both auth scenarios on one transport: the token refused at the first connect, and the token
 * expiring in the middle of a session.
 */
export function describeAuthScenarios(
  name: string,
  open: OpenWithAuth,
  /** What the transport needs of the server besides auth mode (a heartbeat to see a cut by). */
  serverOptions: MockServerOptions = {},
) {
  describeAuthRefresh(name, open, serverOptions);
  describeMidSessionExpiry(name, open, serverOptions);
}
