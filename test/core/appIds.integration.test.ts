// Issue 9 item 1: an `id` field in an app's payload is the app's business (a chat line, an edit of
// line 3, a reaction to line 10), never a delivery id tidings guesses. Every transport that used to
// read `payload.id` delivers all of these.
import { createHub, createIframeStream, createLongPoll, createWebSocket } from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { fakeIframePage } from './fakeIframePage';
import { heldFetch } from './longPollFetch';

type ChatEvent = { id: number; text?: string; edit?: string; reaction?: string };

/** A line 10, an edit of line 3, a reaction to line 10, a line 11: four distinct messages. */
const CHAT: ChatEvent[] = [
  { id: 10, text: 'hello' },
  { id: 3, edit: 'fixed a typo' },
  { id: 10, reaction: '👍' },
  { id: 11, text: 'bye' },
];

let server: MockServer;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

/** Publishes each event as the exact payload every transport sends (not the log's envelope). */
function publishChat(events: ChatEvent[] = CHAT) {
  for (const event of events) server.publish({ type: 'chat', raw: JSON.stringify(event) });
}

function track<T extends { close(): void; connect(): void }>(channel: T): T {
  cleanups.push(() => channel.close());
  channel.connect();
  return channel;
}

const common = { notify: 'sync' as const, reconnect: { minDelay: 10, maxDelay: 50 } };

describe('payload ids are never delivery ids', () => {
  it('WebSocket delivers 4 of 4, and a 1,000 burst over 50 entity ids whole', async () => {
    const seen: ChatEvent[] = [];
    const channel = track(
      createWebSocket<ChatEvent>(`${server.url.replace('http', 'ws')}/ws`, {
        ...common,
        hub: createHub(),
        env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
        onMessage: (event) => seen.push(event),
      }),
    );
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    publishChat();
    await vi.waitFor(() => expect(seen).toEqual(CHAT));
    const burst = Array.from({ length: 1000 }, (_, n) => ({ id: n % 50, text: String(n) }));
    publishChat(burst);
    await vi.waitFor(() => expect(seen).toHaveLength(1004));
    expect(seen.slice(4)).toEqual(burst);
  });

  it('Socket.IO delivers 4 of 4', async () => {
    const seen: unknown[] = [];
    const channel = track(
      createSocketIO<ChatEvent>(server.url, {
        ...common,
        hub: createHub(),
        events: ['chat'],
        // The server emits these chats as JSON text (`raw`); Socket.IO hands strings over as
        // strings, so the app asks for them to be decoded.
        parse: 'json',
        onMessage: ({ args }) => seen.push(args[0]),
      }),
    );
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    publishChat();
    await vi.waitFor(() => expect(seen).toEqual(CHAT));
  });

  it('MQTT delivers 4 of 4', async () => {
    const seen: unknown[] = [];
    const channel = track(
      createMqtt<ChatEvent>(`${server.url.replace('http', 'ws')}/mqtt`, {
        ...common,
        hub: createHub(),
        topics: 'notifications/chat',
        onMessage: ({ payload }) => seen.push(payload),
      }),
    );
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    publishChat();
    await vi.waitFor(() => expect(seen).toEqual(CHAT));
  });

  it('the iframe stream delivers 4 of 4', () => {
    const page = fakeIframePage('http://localhost:6006');
    const seen: ChatEvent[] = [];
    track(
      createIframeStream<ChatEvent>(`${server.url}/iframe/stream`, {
        ...common,
        hub: createHub(),
        env: page.env,
        onMessage: (event) => seen.push(event),
      }),
    );
    // Stand in for the iframe's scripts (no DOM in Node runs them): what the server posts.
    for (const event of CHAT) page.post(event, server.url, page.current);
    expect(seen).toEqual(CHAT);
  });

  it('long poll delivers 4 of 4 items of one answer', async () => {
    const fake = heldFetch();
    const seen: ChatEvent[] = [];
    track(
      createLongPoll<ChatEvent>('http://x.test/api/long-poll', {
        ...common,
        hub: createHub(),
        env: { fetch: fake.fetch },
        onMessage: (event) => seen.push(event),
      }),
    );
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    fake.answer(CHAT, 'c1');
    await vi.waitFor(() => expect(seen).toEqual(CHAT));
  });
});
