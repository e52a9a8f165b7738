// The client side of the tidings resume protocol and of delivery identity, with hand-driven fakes:
// what the wire does on a reset, which frames are signals, and how `messageId` is read.
import {
  createHub,
  createIframeStream,
  createLongPoll,
  createSSE,
  createWebSocket,
  TidingsError,
} from '@tidings/core';
import { createSocketIO, type SocketIOModuleLike } from '@tidings/core/socket-io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveEnv } from '../../packages/core/src/env';
import { fakePage } from './fakeEnv';
import { fakeIframePage } from './fakeIframePage';
import { fakeWebSocket } from './fakeWebSocket';
import { heldFetch, json } from './longPollFetch';
import { fakeFetch, streamResponse } from './sseFakes';
import { manualDriver, Wire } from './testDriver';

type Note = { id: string; text?: string };
const noteId = (m: unknown) => (m as Note | null)?.id;

describe('Wire: delivery ids and reset', () => {
  function wire(options: ConstructorParameters<typeof Wire>[2] = {}) {
    const manual = manualDriver();
    const created = new Wire(manual.driver, resolveEnv(fakePage().env), options);
    const frames: unknown[] = [];
    const errors: TidingsError[] = [];
    for (let consumer = 0; consumer < 2; consumer++) {
      created.listen({
        state: (s) => {
          if (s.error && !errors.includes(s.error)) errors.push(s.error);
        },
        opened: () => {},
        frame: (f) => consumer === 0 && frames.push(f.raw),
        report: () => {},
        shouldReconnect: () => true,
      });
    }
    created.start();
    manual.current.opened();
    return { wire: created, context: manual.current, frames, errors };
  }

  it('treats ids as opaque by default: an older counter is delivered, a seen one dropped', () => {
    const { wire: w, context, frames } = wire();
    for (const id of ['10', '3', '10', '11']) context.frame({ raw: id, meta: {}, id });
    expect(frames).toEqual(['10', '3', '11']);
    expect(w.getState().cursor).toBe('11');
  });

  it('drops ids at or before the cursor only with orderedIds', () => {
    const { context, frames } = wire({ orderedIds: true });
    for (const id of ['10', '3', '11']) context.frame({ raw: id, meta: {}, id });
    expect(frames).toEqual(['10', '11']);
  });

  it('a frame with its own cursor moves the cursor there, deduped by its id', () => {
    const { wire: w, context, frames } = wire();
    context.frame({ raw: 'a', meta: {}, id: 'app-1', cursor: '7' });
    context.frame({ raw: 'a again', meta: {}, id: 'app-1', cursor: '8' });
    expect(frames).toEqual(['a']);
    expect(w.getState().cursor).toBe('7');
  });

  it('reset: takes the cursor, forgets seen ids, stays open, one reset error for the state', () => {
    const { wire: w, context, frames, errors } = wire();
    context.frame({ raw: 'old 5', meta: {}, id: '5' });
    context.reset('900', 'unknown-cursor');
    expect(w.getState()).toMatchObject({ status: 'open', cursor: '900' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'reset', retryable: false });
    expect(errors[0]?.message).toContain('unknown-cursor');
    expect(errors[0]?.message).toContain('messages may have been missed');
    // A restarted server may issue id 5 again: it is a new message now.
    context.frame({ raw: 'new 5', meta: {}, id: '5' });
    expect(frames).toEqual(['old 5', 'new 5']);
  });
});

describe('signals and messageId per transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('WebSocket: $tidings frames move the cursor or reset, never reach the app', async () => {
    const fake = fakeWebSocket();
    const seen: Note[] = [];
    const errors: TidingsError[] = [];
    const channel = createWebSocket<Note>('ws://x.test/ws', {
      hub: createHub(),
      notify: 'sync',
      env: { WebSocket: fake.WebSocket },
      onMessage: (m) => seen.push(m),
      onError: (e) => errors.push(e),
    });
    channel.connect();
    fake.last.open();
    fake.last.receive(JSON.stringify({ $tidings: 'position', cursor: '40' }));
    expect(channel.getState().cursor).toBe('40');
    fake.last.receive(JSON.stringify({ $tidings: 'hello-from-the-future', cursor: '41' }));
    fake.last.receive(
      JSON.stringify({ $tidings: 'reset', cursor: '90', reason: 'cursor-evicted' }),
    );
    fake.last.receive(JSON.stringify({ id: '1', text: 'hi' }));
    expect(seen).toEqual([{ id: '1', text: 'hi' }]);
    expect(errors.map((e) => e.kind)).toEqual(['reset']);
    expect(errors[0]?.message).toContain('cursor-evicted');
    // No messageId: the cursor stays the server's position, not a payload field.
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: '90' });
    channel.close();
  });

  it('WebSocket: a throwing or non-string messageId is reported, the message still delivered', () => {
    const fake = fakeWebSocket();
    const seen: unknown[] = [];
    const errors: TidingsError[] = [];
    const channel = createWebSocket<{ n: number }>('ws://x.test/ws', {
      hub: createHub(),
      notify: 'sync',
      env: { WebSocket: fake.WebSocket },
      messageId: (m) => {
        const n = (m as { n: number }).n;
        if (n === 1) throw new Error('boom');
        return n as unknown as string;
      },
      onMessage: (m) => seen.push(m),
      onError: (e) => errors.push(e),
    });
    channel.connect();
    fake.last.open();
    fake.last.receive('{"n":1}');
    fake.last.receive('{"n":2}');
    fake.last.receive('{"n":2}');
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 2 }]);
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['config', 'messageId threw: boom'],
      ['config', 'messageId must return a string or undefined, got number'],
      ['config', 'messageId must return a string or undefined, got number'],
    ]);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('long poll: a JSON-text item replayed in a later answer is delivered once with messageId', async () => {
    const server = heldFetch();
    const seen: Note[] = [];
    const channel = createLongPoll<Note>('http://x.test/api/long-poll', {
      hub: createHub(),
      notify: 'sync',
      env: { ...fakePage().env, fetch: server.fetch },
      messageId: noteId,
      onMessage: (m) => seen.push(m),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const item = JSON.stringify({ id: 'a1', text: 'hi' });
    server.answer([item], 'c1');
    await vi.advanceTimersByTimeAsync(0);
    server.answer([item, JSON.stringify({ id: 'a2' })], 'c2');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([{ id: 'a1', text: 'hi' }, { id: 'a2' }]);
    channel.close();
  });

  it('long poll: a reset answer reports a reset error, takes its cursor and keeps polling', async () => {
    const server = heldFetch();
    const errors: TidingsError[] = [];
    const channel = createLongPoll<Note>('http://x.test/api/long-poll', {
      hub: createHub(),
      notify: 'sync',
      env: { ...fakePage().env, fetch: server.fetch },
      onError: (e) => errors.push(e),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    server.last.respond(json({ messages: [], cursor: '77', reset: { reason: 'unknown-cursor' } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => e.kind)).toEqual(['reset']);
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: '77' });
    expect(server.requests).toHaveLength(2);
    expect(server.last.url.searchParams.get('cursor')).toBe('77');
    channel.close();
  });

  it('SSE over fetch: tidings:position and tidings:reset are signals, not messages', async () => {
    const body = [
      'event: tidings:position\nid: 5\ndata: 5\n\n',
      'id: 6\nevent: message\ndata: {"n":6}\n\n',
      'event: tidings:reset\nid: 99\ndata: {"reason":"unknown-cursor"}\n\n',
      'id: 100\ndata: {"n":100}\n\n',
    ];
    const { fetch } = fakeFetch(() => streamResponse(body, { hold: true }));
    const seen: unknown[] = [];
    const errors: TidingsError[] = [];
    const channel = createSSE('http://x.test/sse', {
      transport: 'fetch',
      hub: createHub(),
      notify: 'sync',
      // Listing them changes nothing: protocol signals never reach the app.
      events: ['message', 'tidings:position', 'tidings:reset'],
      env: { ...fakePage().env, fetch },
      onMessage: (m) => seen.push(m),
      onError: (e) => errors.push(e),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([{ n: 6 }, { n: 100 }]);
    expect(errors.map((e) => e.kind)).toEqual(['reset']);
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: '100' });
    channel.close();
  });

  it('SSE messageId: the app id dedupes while the protocol id stays the cursor', async () => {
    const body = [
      'id: 1\ndata: {"key":"k1"}\n\n',
      'id: 2\ndata: {"key":"k1"}\n\n',
      'id: 3\ndata: {"key":"k2"}\n\n',
    ];
    const { fetch } = fakeFetch(() => streamResponse(body, { hold: true }));
    const seen: unknown[] = [];
    const channel = createSSE('http://x.test/sse', {
      transport: 'fetch',
      hub: createHub(),
      notify: 'sync',
      messageId: (m) => (m as { key: string }).key,
      env: { ...fakePage().env, fetch },
      onMessage: (m) => seen.push(m),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([{ key: 'k1' }, { key: 'k2' }]);
    expect(channel.getState().cursor).toBe('3');
    channel.close();
  });

  it('iframe: control frames (object or JSON text) are signals; payload ids are not read', () => {
    const page = fakeIframePage('http://localhost:6006');
    const seen: Note[] = [];
    const errors: TidingsError[] = [];
    const channel = createIframeStream<Note>('http://push.test/iframe/stream', {
      hub: createHub(),
      notify: 'sync',
      env: page.env,
      onMessage: (m) => seen.push(m),
      onError: (e) => errors.push(e),
    });
    channel.connect();
    const post = (data: unknown) => page.post(data, 'http://push.test', page.current);
    post({ $tidings: 'position', cursor: '12' });
    post({ id: '3', text: 'a' });
    post(JSON.stringify({ $tidings: 'reset', cursor: '50', reason: 'unknown-cursor' }));
    post({ id: '3', text: 'b' });
    expect(seen).toEqual([
      { id: '3', text: 'a' },
      { id: '3', text: 'b' },
    ]);
    expect(errors.map((e) => e.kind)).toEqual(['reset']);
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: '50' });
    channel.close();
  });

  it('Socket.IO: tidings:position and tidings:reset are signals, the cursor rides in auth', async () => {
    const listeners: Array<(event: string, ...args: unknown[]) => void> = [];
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let auth: ((cb: (data: Record<string, unknown>) => void) => void) | undefined;
    const socket = {
      active: true,
      connected: true,
      on: (event: string, fn: (...args: unknown[]) => void) => handlers.set(event, fn),
      off: () => undefined,
      onAny: (fn: (event: string, ...args: unknown[]) => void) => listeners.push(fn),
      offAny: () => undefined,
      emit: () => undefined,
      connect: () => undefined,
      disconnect: () => undefined,
    };
    const io: SocketIOModuleLike = {
      io: (_url, options) => {
        auth = options.auth as typeof auth;
        return socket;
      },
    };
    const seen: unknown[] = [];
    const errors: TidingsError[] = [];
    const channel = createSocketIO<Note>('http://x.test', {
      hub: createHub(),
      notify: 'sync',
      reconnect: { minDelay: 1000, maxDelay: 1000 },
      io,
      onMessage: (m) => seen.push(m),
      onError: (e) => errors.push(e),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    handlers.get('connect')?.();
    const serverEmits = (event: string, ...args: unknown[]) => {
      for (const fn of listeners) fn(event, ...args);
    };
    serverEmits('tidings:position', '20');
    expect(channel.getState().cursor).toBe('20');
    // The next attempt's handshake carries the position as the cursor to replay after.
    handlers.get('disconnect')?.('transport close');
    await vi.advanceTimersByTimeAsync(1000);
    const handshake = await new Promise<Record<string, unknown>>((resolve) => auth?.(resolve));
    expect(handshake).toEqual({ cursor: '20' });
    handlers.get('connect')?.();
    serverEmits('tidings:reset', { cursor: '70', reason: 'unknown-cursor' }, 'offset-1');
    serverEmits('chat', { id: '1' });
    expect(seen).toEqual([{ event: 'chat', args: [{ id: '1' }] }]);
    expect(errors.map((e) => e.kind)).toEqual(['network', 'reset']);
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: '70' });
    channel.close();
  });
});

describe('reset error kind', () => {
  it('is not retried by default', () => {
    expect(new TidingsError('reset', 'gone').retryable).toBe(false);
  });
});
