import { createHub, createSSE, createWebSocket } from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { fastReconnect, wsUrl } from '../shared/mockServerHelpers';

let server: MockServer;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

const common = { reconnect: fastReconnect, notify: 'sync' } as const;

function track<T extends { close(): void; connect(): void }>(channel: T): T {
  cleanups.push(() => channel.close());
  return channel;
}

describe('channel.raw() against the mock server', () => {
  it('WebSocket: the open socket itself; undefined once closed', async () => {
    const channel = track(
      createWebSocket(wsUrl(server, '/ws'), {
        ...common,
        hub: createHub(),
        env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
      }),
    );
    expect(channel.raw()).toBeUndefined();
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const socket = channel.raw();
    expect(socket).toBeInstanceOf(NodeWebSocket);
    expect(socket?.readyState).toBe(NodeWebSocket.OPEN);
    expect(socket?.bufferedAmount).toBe(0);
    channel.close();
    expect(channel.raw()).toBeUndefined();
  });

  it('WebSocket: a new socket after a reconnect', async () => {
    const channel = track(
      createWebSocket(wsUrl(server, '/ws'), {
        ...common,
        hub: createHub(),
        env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
      }),
    );
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const first = channel.raw();
    server.drop();
    await vi.waitFor(() => {
      expect(channel.getState().status).toBe('open');
      expect(channel.raw()).not.toBe(first);
    });
    expect(channel.raw()?.readyState).toBe(NodeWebSocket.OPEN);
  });

  it("SSE over fetch: the request's controller and the accepted response", async () => {
    const channel = track(
      createSSE(`${server.url}/api/sse`, { ...common, hub: createHub(), transport: 'fetch' }),
    );
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const client = channel.raw();
    expect(client && 'controller' in client).toBe(true);
    if (!client || !('controller' in client)) return;
    expect(client.controller).toBeInstanceOf(AbortController);
    expect(client.controller.signal.aborted).toBe(false);
    expect(client.response?.status).toBe(200);
    expect(client.response?.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    channel.close();
    expect(channel.raw()).toBeUndefined();
    // Our own close aborts the request the escape hatch handed out (the hub stops the wire after a
    // microtask, so a remount can keep it).
    await vi.waitFor(() => expect(client.controller.signal.aborted).toBe(true));
  });

  it('Socket.IO: the connected socket.io-client Socket', async () => {
    const channel = track(createSocketIO(server.url, { ...common, hub: createHub() }));
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const socket = channel.raw();
    expect(socket?.connected).toBe(true);
    expect(typeof socket?.id).toBe('string');
    // What the wrapper does not cover: socket.timeout() with an ack, straight to the server.
    const answer = await socket?.timeout(5_000).emitWithAck('chat', { text: 'raw' });
    expect(answer).toMatchObject({ type: 'chat', data: { text: 'raw' } });
    channel.close();
    expect(channel.raw()).toBeUndefined();
  });

  it('MQTT: the connected mqtt.js client', async () => {
    const channel = track(
      createMqtt(wsUrl(server, '/mqtt'), {
        ...common,
        hub: createHub(),
        topics: 'notifications/#',
      }),
    );
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const client = channel.raw();
    expect(client?.connected).toBe(true);
    expect(typeof client?.options.clientId).toBe('string');
    channel.close();
    expect(channel.raw()).toBeUndefined();
  });
});
