import { createHub, createLongPoll, createWebSocket, type Hub } from '@tidings/core';
import { dropWire, type InspectedWire, observeHub, reconnectWire } from '@tidings/core/devtools';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { fastReconnect, mockMessageId, stats } from '../shared/mockServerHelpers';

let server: MockServer;
let cleanups: Array<() => void>;

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

/** The hub's wires as an observer last saw them. */
function observe(hub: Hub) {
  let latest: InspectedWire[] = [];
  cleanups.push(
    observeHub(hub, (wires) => {
      latest = wires;
    }),
  );
  return { single: () => latest[0], all: () => latest };
}

function openWebSocket(hub: Hub) {
  const messages: unknown[] = [];
  const channel = createWebSocket(`${server.url}/ws`, {
    hub,
    reconnect: fastReconnect,
    messageId: mockMessageId,
    onMessage: (message) => messages.push(message),
    env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
  });
  cleanups.push(() => channel.close());
  channel.connect();
  return { channel, messages };
}

describe('devtools against the mock server', () => {
  it('counts a WebSocket wire’s messages and the bytes the server sent', async () => {
    const hub = createHub();
    const inspected = observe(hub);
    const { channel, messages } = openWebSocket(hub);
    await vi.waitFor(() => expect(inspected.single()?.status).toBe('open'));
    expect(inspected.single()).toMatchObject({ transport: 'webSocket', listeners: 1, messages: 0 });

    server.publish({ type: 'chat', data: { text: 'héllo' } });
    server.publish({ type: 'chat', data: { text: 'again' } });
    await vi.waitFor(() => expect(inspected.single()?.messages).toBe(2));

    expect(messages).toHaveLength(2);
    expect(channel.getState().received).toBe(2);
    // Text frames are counted in UTF-8 bytes of the frame's text (the server writes JSON).
    const sent = messages.map((message) => Buffer.byteLength(JSON.stringify(message)));
    expect(inspected.single()?.bytes).toBe(sent[0]! + sent[1]!);
    // Counted in bytes, not UTF-16 units: the "é" weighs two.
    expect(sent[0]).toBe(JSON.stringify(messages[0]).length + 1);
  });

  it('counts a long-poll wire’s items as structured frames', async () => {
    const hub = createHub();
    const inspected = observe(hub);
    const channel = createLongPoll(`${server.url}/api/long-poll`, {
      hub,
      reconnect: fastReconnect,
      messageId: mockMessageId,
    });
    cleanups.push(() => channel.close());
    channel.connect();
    await vi.waitFor(() => expect(inspected.single()?.status).toBe('open'));

    server.publish({ type: 'alert', data: { level: 2 } });
    await vi.waitFor(() => expect(inspected.single()?.messages).toBe(1));
    const item = channel.getState().data;
    expect(inspected.single()).toMatchObject({ transport: 'longPoll', listeners: 1 });
    expect(inspected.single()?.bytes).toBe(Buffer.byteLength(JSON.stringify(item)));
  });

  it('Drop closes the wire for its consumers and the server; Reconnect opens a new connection', async () => {
    const hub = createHub();
    const inspected = observe(hub);
    const first = openWebSocket(hub);
    await vi.waitFor(() => expect(inspected.single()?.status).toBe('open'));
    const key = inspected.single()?.key ?? '';

    expect(reconnectWire(hub, key)).toBe(true);
    await vi.waitFor(() => expect(stats(server, 'ws').opened).toBe(2));
    await vi.waitFor(() => expect(inspected.single()?.status).toBe('open'));
    server.publish({ type: 'after-reconnect' });
    await vi.waitFor(() => expect(first.messages).toHaveLength(1));

    expect(dropWire(hub, key)).toBe(true);
    await vi.waitFor(() => expect(first.channel.getState().status).toBe('closed'));
    // The consumer let go of the stopped wire, so the hub no longer holds it.
    await vi.waitFor(() => expect(inspected.all()).toEqual([]));
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
    expect(first.channel.getState().error).toBeNull();
  });
});
