import type { Channel } from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageOrigins } from '../shared/mockServerHelpers';
import { type Credentials, credentials, FRESH } from './authCredentials';

export { type Credentials, credentials, EXPIRED, FRESH } from './authCredentials';

/** The part of any transport's channel the scenario drives. */
type AnyChannel = Pick<Channel<unknown, unknown>, 'connect' | 'close' | 'getState'>;

export interface AuthSubject {
  channel: AnyChannel;
  /** Ids of the mock server's messages delivered so far. */
  ids(): string[];
}

/** Opens a channel to `server` whose credentials come from `auth` (not yet connected). */
export type OpenWithAuth = (server: MockServer, auth: Credentials) => AuthSubject;

/**
 * The refresh scenario on one transport against the real mock server in auth mode: the expired
 * token is refused, `onAuthError` refreshes it and asks for a retry, the retry carries the fresh
 * token (the getter is called again) and messages flow.
 */
export function describeAuthRefresh(name: string, open: OpenWithAuth) {
  describe(`auth refresh over ${name} against the mock server`, () => {
    let server: MockServer;
    const channels: AnyChannel[] = [];

    beforeEach(async () => {
      server = await startMockServer({
        port: 0,
        authTokens: [FRESH],
        allowOrigins: pageOrigins(),
      });
    });
    afterEach(async () => {
      for (const channel of channels.splice(0)) channel.close();
      await server.close();
    });

    it('an expired token is refused, onAuthError refreshes it, the retry succeeds and messages flow', async () => {
      const auth = credentials();
      const subject = open(server, auth);
      channels.push(subject.channel);
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

      const message = server.publish({ type: 'notification', data: { n: 1 } });
      await vi.waitFor(() => expect(subject.ids()).toContain(message.id));
      expect(auth.refusals).toHaveLength(1);
    });
  });
}
