import {
  createHub,
  createLongPoll,
  createPolling,
  createSSE,
  createWebSocket,
  type TidingsError,
} from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { fastReconnect, idOf, mockMessageId, wsUrl } from '../shared/mockServerHelpers';
import {
  type Credentials,
  credentials,
  describeAuthScenarios,
  EXPIRED,
  FRESH,
} from './authScenarios';

type Note = { id: string; type: string };

const common = { hub: createHub(), reconnect: fastReconnect, notify: 'sync' } as const;
const bearer = (auth: Credentials) => async () => ({ Authorization: `Bearer ${await auth.get()}` });
const NodeWS = NodeWebSocket as unknown as typeof WebSocket;

/** The mock server's short poll answers its latest 20 messages: no cursor, a window re-read. */
const POLL_WINDOW = 20;

describeAuthScenarios('HTTP polling (async headers)', (server, auth) => {
  const channel = createPolling<{ items: Note[] }>(`${server.url}/api/notifications`, {
    ...common,
    hub: createHub(),
    interval: 20,
    headers: bearer(auth),
    onAuthError: auth.onAuthError,
  });
  return { channel, ids: () => (channel.getState().data?.items ?? []).map(idOf) };
});

describeAuthScenarios(
  'HTTP polling (an async url getter with the token in the query)',
  (server, auth) => {
    const channel = createPolling<{ items: Note[] }>(
      { url: async () => `${server.url}/api/notifications?token=${await auth.get()}` },
      {
        ...common,
        hub: createHub(),
        interval: 20,
        onAuthError: auth.onAuthError,
      },
    );
    return {
      channel,
      ids: () => (channel.getState().data?.items ?? []).map(idOf),
      window: POLL_WINDOW,
    };
  },
);

describeAuthScenarios('long polling (async headers)', (server, auth) => {
  const ids: string[] = [];
  const channel = createLongPoll<Note>(`${server.url}/api/long-poll`, {
    ...common,
    hub: createHub(),
    headers: bearer(auth),
    onAuthError: auth.onAuthError,
    onMessage: (m) => ids.push(m.id),
  });
  return { channel, ids: () => ids };
});

describeAuthScenarios('SSE over fetch (async headers)', (server, auth) => {
  const ids: string[] = [];
  const channel = createSSE<Note>(`${server.url}/api/sse`, {
    ...common,
    hub: createHub(),
    transport: 'fetch',
    events: ['notification'],
    headers: bearer(auth),
    onAuthError: auth.onAuthError,
    onMessage: (m) => ids.push(m.id),
  });
  return { channel, ids: () => ids };
});

describeAuthScenarios(
  'WebSocket (an async url getter with the token in the query)',
  (server, auth) => {
    const ids: string[] = [];
    const channel = createWebSocket<Note>(
      async () => `${wsUrl(server, '/ws')}?token=${await auth.get()}`,
      {
        ...common,
        hub: createHub(),
        env: { WebSocket: NodeWS },
        // The cursor a reconnect resumes from: without it, the position at the last open.
        messageId: mockMessageId,
        onAuthError: auth.onAuthError,
        onMessage: (m) => ids.push(m.id),
      },
    );
    return { channel, ids: () => ids };
  },
);

describeAuthScenarios(
  'long polling (an async url getter with the token in the query)',
  (server, auth) => {
    const ids: string[] = [];
    const channel = createLongPoll<Note>(
      { url: async () => `${server.url}/api/long-poll?token=${await auth.get()}` },
      {
        ...common,
        hub: createHub(),
        onAuthError: auth.onAuthError,
        onMessage: (m) => ids.push(m.id),
      },
    );
    return { channel, ids: () => ids };
  },
);

describeAuthScenarios(
  'SSE over fetch (an async url getter with the token in the query)',
  (server, auth) => {
    const ids: string[] = [];
    const channel = createSSE<Note>(async () => `${server.url}/api/sse?token=${await auth.get()}`, {
      ...common,
      hub: createHub(),
      transport: 'fetch',
      events: ['notification'],
      onAuthError: auth.onAuthError,
      onMessage: (m) => ids.push(m.id),
    });
    return { channel, ids: () => ids };
  },
);

describeAuthScenarios('Socket.IO (an async auth getter)', (server, auth) => {
  const ids: string[] = [];
  const channel = createSocketIO<Note>(server.url, {
    ...common,
    hub: createHub(),
    auth: async () => ({ token: await auth.get() }),
    onAuthError: auth.onAuthError,
    onMessage: (m) => ids.push(String(m.args[0]?.id)),
  });
  return { channel, ids: () => ids };
});

describeAuthScenarios('MQTT (an async password getter)', (server, auth) => {
  const ids: string[] = [];
  const channel = createMqtt<Note>(`${wsUrl(server, '/mqtt')}`, {
    ...common,
    hub: createHub(),
    topics: 'notifications/#',
    // A kept session: the broker queues what is published while the client is cut or refused.
    clientId: 'mid-session-app',
    username: 'app',
    password: () => auth.get(),
    onAuthError: auth.onAuthError,
    onMessage: (m) => ids.push(m.payload.id),
  });
  return { channel, ids: () => ids };
});

describe('auth without a retry against the mock server', () => {
  let server: MockServer;
  let auth: Credentials;
  const cleanups: Array<() => void> = [];

  beforeEach(async () => {
    server = await startMockServer({ port: 0, authTokens: [FRESH] });
    auth = credentials();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await server.close();
  });

  it('onAuthError answering false keeps the refusal final: closed with the 4401 error, one attempt', async () => {
    const errors: TidingsError[] = [];
    const channel = createWebSocket(
      async () => `${wsUrl(server, '/ws')}?token=${await auth.get()}`,
      {
        ...common,
        hub: createHub(),
        env: { WebSocket: NodeWS },
        onError: (error) => errors.push(error),
        onAuthError: async () => false,
      },
    );
    cleanups.push(() => channel.close());
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
    expect(channel.getState().error).toMatchObject({
      kind: 'auth',
      status: 4401,
      retryable: false,
    });
    expect(auth.calls).toBe(1);
    expect(errors.map((e) => e.status)).toEqual([4401]);
    // The getter's URL carries the token: the error names the socket without its query.
    expect(errors[0]?.message).toBe(
      `WebSocket ${wsUrl(server, '/ws')}?… closed with code 4401 (token missing or expired)`,
    );
  });

  it('a getter that throws fails the attempt with a clear retryable auth error; the next attempt calls it again', async () => {
    let calls = 0;
    const errors: TidingsError[] = [];
    const channel = createSSE<Note>(`${server.url}/api/sse`, {
      ...common,
      hub: createHub(),
      transport: 'fetch',
      headers: async () => {
        calls++;
        if (calls === 1) throw new Error('token endpoint down');
        return { Authorization: `Bearer ${FRESH}` };
      },
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => channel.close());
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'auth', retryable: true });
    expect(errors[0]?.message).toBe('The headers getter failed: token endpoint down');
  });

  it.each([
    [
      'SSE',
      () =>
        createSSE<Note>(async () => `${server.url}/api/sse?token=${EXPIRED}&v=1`, {
          ...common,
          hub: createHub(),
          transport: 'fetch',
          onAuthError: async () => false,
        }),
      '/api/sse',
    ],
    [
      'long polling',
      () =>
        createLongPoll<Note>(
          { url: async () => `${server.url}/api/long-poll?token=${EXPIRED}&v=1` },
          {
            ...common,
            hub: createHub(),
            onAuthError: async () => false,
          },
        ),
      '/api/long-poll',
    ],
  ] as const)(
    "%s refused at a url getter's URL: the error names it without its query, where the token travels",
    async (_name, open, path) => {
      const channel = open();
      cleanups.push(() => channel.close());
      channel.connect();
      await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
      const error = channel.getState().error;
      expect(error).toMatchObject({ kind: 'auth', status: 401 });
      expect(error?.message).toContain(`${server.url}${path}?…`);
      expect(error?.message).not.toContain(EXPIRED);
    },
  );

  it('a url getter that returns no URL fails the attempt with a config error naming it', async () => {
    const channel = createSSE<Note>(async () => '' as string, {
      ...common,
      hub: createHub(),
      transport: 'fetch',
    });
    cleanups.push(() => channel.close());
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
    expect(channel.getState().error).toMatchObject({
      kind: 'config',
      message: 'url from the getter must not be empty',
    });
  });

  // Was a config error while request-scoped streams took no url getter; they take one now.
  it('the deprecated manual: true with a url getter is a request-scoped stream that calls it on start', async () => {
    let calls = 0;
    const channel = createSSE<{ token: string }, string>(
      async () => {
        calls++;
        return `${server.url}/api/chat?token=${FRESH}`;
      },
      {
        ...common,
        hub: createHub(),
        manual: true,
        method: 'POST',
        body: { prompt: 'hi' },
        events: ['token'],
        reduce: (text = '', m) => text + m.token,
      },
    );
    cleanups.push(() => channel.close());
    expect(calls).toBe(0);
    channel.start();
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'), { timeout: 10_000 });
    expect(channel.getState().error).toBeNull();
    expect(channel.getState().data).toMatch(/^Good question about "hi"\./);
    expect(calls).toBe(1);
  });

  it('without a token an HTTP endpoint answers 401 and the channel closes for good, as before', async () => {
    const channel = createLongPoll<Note>(`${server.url}/api/long-poll`, {
      ...common,
      hub: createHub(),
    });
    cleanups.push(() => channel.close());
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
    expect(channel.getState().error).toMatchObject({ kind: 'auth', status: 401 });
  });
});
