// @vitest-environment jsdom
// The refresh scenario over the hidden-iframe stream. A page cannot read an iframe's HTTP status,
// so the mock server's refusal page posts `tidings:refused`; the frames of the fake page load from
// the real mock server and run their scripts (see iframeFrameRunner.ts), since no DOM in Node does.
import { createHub, createIframeStream } from '@tidings/core';
import { startMockServer } from '@tidings/mock-server';
import { describe, expect, it, vi } from 'vitest';
import { fastReconnect, mockMessageId } from '../shared/mockServerHelpers';
import { describeAuthScenarios, EXPIRED, FRESH } from './authScenarios';
import { fakeIframePage } from './fakeIframePage';
import { runFrames } from './iframeFrameRunner';

type Note = { id: string; type: string };

/** The server's ping interval, and the silence after which the page counts its stream as cut. */
const HEARTBEAT_MS = 50;
const HEARTBEAT_TIMEOUT_MS = 1_000;

describeAuthScenarios(
  'the iframe stream (an async url getter with the token in the query)',
  (server, auth) => {
    const page = fakeIframePage('http://localhost:6006');
    runFrames(page, server.url);
    const ids: string[] = [];
    const channel = createIframeStream<Note>(
      async () => `${server.url}/iframe/stream?token=${await auth.get()}`,
      {
        hub: createHub(),
        reconnect: fastReconnect,
        notify: 'sync',
        env: page.env,
        // A page sees no end of a cut iframe response: the missing heartbeat tells it.
        heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
        // The cursor a reconnect resumes from: without it, the position at the last open.
        messageId: mockMessageId,
        onAuthError: auth.onAuthError,
        onMessage: (m) => ids.push(m.id),
      },
    );
    return { channel, ids: () => ids };
  },
  { heartbeatMs: HEARTBEAT_MS },
);

describe('the iframe stream refused without a retry', () => {
  it("closes with the refusal page's 401 as an auth error that names the URL without its query", async () => {
    const server = await startMockServer({ port: 0, authTokens: [FRESH] });
    const page = fakeIframePage('http://localhost:6006');
    runFrames(page, server.url);
    const channel = createIframeStream<Note>(
      async () => `${server.url}/iframe/stream?token=${EXPIRED}`,
      { hub: createHub(), reconnect: fastReconnect, notify: 'sync', env: page.env },
    );
    try {
      channel.connect();
      await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
      const error = channel.getState().error;
      expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
      expect(error?.message).toBe(
        `The iframe stream ${server.url}/iframe/stream?… was refused with 401 (token missing or expired)`,
      );
    } finally {
      channel.close();
      await server.close();
    }
  });
});
