import {
  createHub,
  createWebSocket,
  type TidingsError,
  type WebSocketOptions,
} from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocket } from './fakeWebSocket';

const URL_ = 'ws://x.test/ws';

type Message = { id?: string; n?: number };

function setup(extra: WebSocketOptions<Message> = {}) {
  const fake = fakeWebSocket();
  const errors: TidingsError[] = [];
  const channel = createWebSocket<Message>(URL_, {
    hub: createHub(),
    notify: 'sync',
    reconnect: { minDelay: 100, maxDelay: 100 },
    onError: (error) => errors.push(error),
    // These messages carry their delivery id; by default a payload's fields are never guessed at.
    messageId: (m) => (m as Message).id,
    ...extra,
    env: { WebSocket: fake.WebSocket, random: () => 0.5, ...extra.env },
  });
  return { fake, channel, errors };
}

describe('createWebSocket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens, delivers JSON frames in order and tracks the id as cursor', async () => {
    const { fake, channel } = setup();
    const seen: unknown[] = [];
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    expect(channel.getState().status).toBe('connecting');
    expect(fake.last.url).toBe(URL_);
    expect(fake.last.binaryType).toBe('arraybuffer');
    fake.last.open();
    expect(channel.getState().status).toBe('open');
    fake.last.receive('{"id":"1","n":1}');
    fake.last.receive('{"id":"2","n":2}');
    expect(seen).toEqual([
      { id: '1', n: 1 },
      { id: '2', n: 2 },
    ]);
    expect(channel.getState()).toMatchObject({ cursor: '2', received: 2 });
    channel.close();
    // The hub stops a wire a microtask after its last consumer leaves (StrictMode remounts).
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.last.closedByClient).toEqual({ code: 1000 });
    expect(channel.getState().status).toBe('closed');
  });

  it('reconnects after an unexpected close with ?cursor= and keeps other params', async () => {
    const fake = fakeWebSocket();
    const channel = createWebSocket<{ id: string }>('wss://x.test/ws?room=a&cursor=old#frag', {
      hub: createHub(),
      reconnect: { minDelay: 100, maxDelay: 100 },
      messageId: (m) => (m as { id: string }).id,
      env: { WebSocket: fake.WebSocket, random: () => 0.5 },
    });
    const seen: string[] = [];
    channel.onMessage((m) => seen.push(m.id));
    channel.connect();
    // The first attempt uses the URL as given (minus the fragment WebSocket rejects).
    expect(fake.last.url).toBe('wss://x.test/ws?room=a&cursor=old');
    fake.last.open();
    fake.last.receive('{"id":"7"}');
    fake.last.serverClose(1006);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(channel.getState().error).toMatchObject({ kind: 'network', status: 1006 });
    await vi.advanceTimersByTimeAsync(49);
    expect(fake.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.sockets).toHaveLength(2);
    const url = new URL(fake.last.url);
    expect(url.searchParams.get('cursor')).toBe('7');
    expect(url.searchParams.get('room')).toBe('a');
    fake.last.open();
    expect(channel.getState()).toMatchObject({ status: 'open', attempt: 0, error: null });
    // A replayed message (at or before the cursor) is dropped; the next one arrives.
    fake.last.receive('{"id":"7"}');
    fake.last.receive('{"id":"8"}');
    expect(seen).toEqual(['7', '8']);
    channel.close();
  });

  it.each([
    [4401, 'auth'],
    [4403, 'auth'],
    [1008, 'protocol'],
  ])('does not retry close code %i (kind %s)', async (code, kind) => {
    const { fake, channel } = setup();
    channel.connect();
    fake.last.open();
    fake.last.serverClose(code, 'nope');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.sockets).toHaveLength(1);
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({ kind, status: code, retryable: false });
    expect(channel.getState().error?.message).toContain('nope');
  });

  it.each([1000, 1001, 1006, 1011, 4000])('retries close code %i with backoff', async (code) => {
    const { fake, channel } = setup();
    channel.connect();
    fake.last.open();
    fake.last.serverClose(code);
    expect(channel.getState().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(50);
    expect(fake.sockets).toHaveLength(2);
    channel.close();
  });

  it('ignores events of an old socket after reconnect()', async () => {
    const { fake, channel } = setup();
    const seen: unknown[] = [];
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    const old = fake.last;
    old.open();
    channel.reconnect();
    expect(fake.sockets).toHaveLength(2);
    expect(old.closedByClient).toBeDefined();
    old.receive('{"id":"1"}');
    old.serverClose(4401);
    old.dispatchEvent(new Event('open'));
    expect(seen).toEqual([]);
    expect(channel.getState().status).not.toBe('closed');
    expect(channel.getState().error).toBeNull();
    fake.last.open();
    fake.last.receive('{"id":"1"}');
    expect(seen).toEqual([{ id: '1' }]);
    channel.close();
  });

  it('reports a malformed frame as a parse error and keeps the connection', () => {
    const { fake, channel, errors } = setup();
    const seen: unknown[] = [];
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    fake.last.open();
    fake.last.receive('not json{');
    fake.last.receive('{"id":"1"}');
    expect(errors.map((e) => e.kind)).toEqual(['parse']);
    expect(seen).toEqual([{ id: '1' }]);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('delivers binary frames raw to a custom parse; the default JSON parse reports them', () => {
    const { fake, channel, errors } = setup();
    const bytes = new TextEncoder().encode('{"id":"1"}').buffer;
    const seen: unknown[] = [];
    channel.onMessage((m) => seen.push(m));
    const custom = createWebSocket<number>(URL_, {
      hub: createHub(),
      parse: (raw) => (raw as ArrayBuffer).byteLength,
      env: { WebSocket: fake.WebSocket },
    });
    const sizes: number[] = [];
    custom.onMessage((n) => sizes.push(n));
    const text = createWebSocket<string>(URL_, {
      hub: createHub(),
      parse: 'text',
      env: { WebSocket: fake.WebSocket },
    });
    const texts: string[] = [];
    text.onMessage((t) => texts.push(t));
    channel.connect();
    custom.connect();
    text.connect();
    for (const socket of fake.sockets) {
      socket.open();
      socket.receive(bytes);
    }
    expect(seen).toEqual([]);
    expect(errors[0]).toMatchObject({ kind: 'parse' });
    expect(errors[0]?.message).toContain('binary frame of 10 bytes');
    expect(sizes).toEqual([10]);
    expect(texts).toEqual(['{"id":"1"}']);
    channel.close();
    custom.close();
    text.close();
  });

  it('sends strings and binary as they are, other values as JSON', async () => {
    const { fake, channel, errors } = setup();
    channel.connect();
    fake.last.open();
    const buffer = new ArrayBuffer(2);
    const view = new Uint8Array([1, 2]);
    const blob = new Blob(['x']);
    expect(channel.send('plain').status).toBe('sent');
    expect(channel.send({ type: 'chat', data: { text: 'hi' } }).status).toBe('sent');
    expect(channel.send([1, 'a']).status).toBe('sent');
    expect(channel.send(42).status).toBe('sent');
    channel.send(buffer);
    channel.send(view);
    channel.send(blob);
    expect(fake.last.sent).toEqual([
      'plain',
      '{"type":"chat","data":{"text":"hi"}}',
      '[1,"a"]',
      '42',
      buffer,
      view,
      blob,
    ]);
    expect(fake.last.sent[4]).toBe(buffer);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const refused = channel.send(cyclic);
    expect(refused.status).toBe('refused');
    await expect(refused).rejects.toMatchObject({ kind: 'config' });
    expect(channel.send(undefined).status).toBe('refused');
    expect(errors.map((e) => e.kind)).toEqual(['config', 'config']);
    expect(fake.last.sent).toHaveLength(7);
    channel.close();
  });

  it('refuses send() while the channel is not connected, with an unsent error naming it', async () => {
    const { fake, channel, errors } = setup();
    const early = channel.send('early');
    expect(early.status).toBe('refused');
    await expect(early).rejects.toMatchObject({ kind: 'unsent', messages: ['early'] });
    channel.connect();
    channel.close();
    expect(channel.send('late').status).toBe('refused');
    // The caller holds the answer: a refusal is not also pushed into state.error.
    expect(errors).toEqual([]);
    expect(fake.sockets.every((s) => s.sent.length === 0)).toBe(true);
  });

  it('passes protocols to the socket', () => {
    const { fake, channel } = setup({ protocols: ['v2', 'v1'] });
    channel.connect();
    expect(fake.last.protocols).toEqual(['v2', 'v1']);
    channel.close();
  });

  it('shares one socket between identical channels on a hub, whatever their queue', () => {
    const fake = fakeWebSocket();
    const hub = createHub();
    const env = { WebSocket: fake.WebSocket };
    const a = createWebSocket(URL_, { hub, env });
    const b = createWebSocket('http://x.test/ws', { hub, env, queue: 5 });
    const c = createWebSocket(URL_, { hub, env, protocols: 'v1' });
    a.connect();
    b.connect();
    c.connect();
    expect(fake.sockets).toHaveLength(2);
    a.close();
    b.close();
    c.close();
  });
});
