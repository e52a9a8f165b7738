import { EventEmitter } from 'node:events';
import {
  type Channel,
  createHub,
  createIframeStream,
  createLongPoll,
  createPolling,
  createSSE,
  createWebSocket,
  TidingsError,
} from '@tidings/core';
import { createMqtt, type MqttModuleLike } from '@tidings/core/mqtt';
import { createSocketIO, type SocketIOModuleLike } from '@tidings/core/socket-io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePage } from './fakeEnv';
import { fakeIframePage } from './fakeIframePage';
import { fakeWebSocket } from './fakeWebSocket';
import { heldFetch } from './longPollFetch';

// The bad-frame matrix: every transport handed each kind of bad frame, then one good frame. The
// contract: the bad frame is reported (a `parse` TidingsError, frame skipped) or, where the table
// says so, delivered as it is; the good frame after it still arrives; nothing throws; the channel
// stays open; no prototype is polluted.

type BadFrame = 'non-JSON' | 'binary' | '5 MB' | 'broken UTF-8' | 'wrong shape' | '__proto__ key';
type Outcome = 'error' | 'delivered';

const encoder = new TextEncoder();
const bytes = (...parts: Array<string | Uint8Array>): Uint8Array => {
  const chunks = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};
const arrayBuffer = (view: Uint8Array): ArrayBuffer => view.slice().buffer as ArrayBuffer;

const BIG_LENGTH = 5 * 1024 * 1024;
const GOOD = (n: number) => `{"n":${n}}`;
const NON_JSON = 'not json {';
/** Not text at all: a NUL, a control byte and bytes that are never valid UTF-8. */
const BINARY = Uint8Array.of(0x00, 0xff, 0x10, 0x80, 0xfe);
const BIG = JSON.stringify({ n: 'big', big: 'x'.repeat(BIG_LENGTH) });
/** JSON whose string holds an invalid UTF-8 sequence (0xC3 then a byte that cannot follow it). */
const BROKEN_UTF8 = bytes('{"n":"utf8","text":"', Uint8Array.of(0xc3, 0x28), '"}');
const PROTO = '{"__proto__":{"polluted":true},"n":"proto"}';

/** What one transport needs to take part: a channel and ways to hand it raw frames. */
interface Wiring {
  channel: Channel<unknown, unknown>;
  /** The app content of a delivered message (MQTT and Socket.IO wrap it in an envelope). */
  content(message: unknown): unknown;
  bad: Partial<Record<BadFrame, () => Promise<void> | void>>;
  good(n: number): Promise<void> | void;
}

interface Transport {
  name: string;
  open(consumer: {
    onError: (error: TidingsError) => void;
    onMessage: (message: unknown) => void;
    reduce: (data: unknown, message: unknown) => unknown;
  }): Promise<Wiring>;
  /** What each bad frame must come to; a missing kind cannot occur on this transport. */
  expected: Partial<Record<BadFrame, Outcome>>;
  /** Good messages sent along with a bad frame (other items of a long-poll answer). */
  companions?: Partial<Record<BadFrame, unknown[]>>;
}

/** Good frames the cells send: the initial poll's snapshot and the frame after the bad one. */
const GOOD_CONTENTS = [{ n: 0 }, { n: 1 }];

/** Lets fetch bodies, stream reads and fake-timer callbacks run: an event-loop turn, no wall time. */
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let turn = 0; turn < 5; turn++) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const common = { notify: 'sync' as const };

const webSocket: Transport = {
  name: 'WebSocket',
  async open(consumer) {
    const fake = fakeWebSocket();
    const channel = createWebSocket<unknown>('ws://x.test/ws', {
      ...common,
      hub: createHub(),
      ...consumer,
      env: { ...fakePage().env, WebSocket: fake.WebSocket },
    });
    channel.connect();
    fake.last.open();
    const receive = (data: unknown) => fake.last.receive(data);
    return {
      channel,
      content: (m) => m,
      bad: {
        'non-JSON': () => receive(NON_JSON),
        binary: () => receive(arrayBuffer(BINARY)),
        '5 MB': () => receive(BIG),
        // A text frame cannot carry it (the socket fails with 1007): it comes as a binary frame.
        'broken UTF-8': () => receive(arrayBuffer(BROKEN_UTF8)),
        '__proto__ key': () => receive(PROTO),
      },
      good: (n) => receive(GOOD(n)),
    };
  },
  expected: {
    'non-JSON': 'error',
    binary: 'error',
    '5 MB': 'delivered',
    'broken UTF-8': 'error',
    '__proto__ key': 'error',
  },
};

const sseFetch: Transport = {
  name: 'SSE (fetch)',
  async open(consumer) {
    let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stream = controller;
      },
    });
    const fetch = vi.fn(
      async () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    );
    const channel = createSSE<unknown>('http://x.test/api/sse', {
      ...common,
      hub: createHub(),
      transport: 'fetch',
      ...consumer,
      env: { ...fakePage().env, fetch: fetch as unknown as typeof globalThis.fetch },
    });
    channel.connect();
    await settle();
    const event = async (...data: Array<string | Uint8Array>) => {
      stream?.enqueue(bytes('data: ', ...data, '\n\n'));
      await settle();
    };
    return {
      channel,
      content: (m) => m,
      bad: {
        'non-JSON': () => event(NON_JSON),
        binary: () => event(BINARY),
        '5 MB': () => event(BIG),
        'broken UTF-8': () => event(BROKEN_UTF8),
        '__proto__ key': () => event(PROTO),
      },
      good: (n) => event(GOOD(n)),
    };
  },
  expected: {
    'non-JSON': 'error',
    binary: 'error',
    '5 MB': 'delivered',
    // WHATWG decodes an event stream with replacement: the text arrives with U+FFFD.
    'broken UTF-8': 'delivered',
    '__proto__ key': 'error',
  },
};

const longPoll: Transport = {
  name: 'long poll',
  async open(consumer) {
    const server = heldFetch();
    const channel = createLongPoll<unknown>('http://x.test/api/long-poll', {
      ...common,
      hub: createHub(),
      ...consumer,
      env: { ...fakePage().env, fetch: server.fetch, random: () => 0.5 },
    });
    channel.connect();
    await settle();
    // Each frame is a whole answer; the next request follows it (after a pause if it was garbage).
    const answer = async (body: string | Uint8Array) => {
      const asked = server.requests.length;
      server.last.respond(new Response(body as BodyInit, { status: 200 }));
      for (let turn = 0; turn < 20 && server.requests.length === asked; turn++) await settle(1000);
    };
    const items = (...items: string[]) => `{"messages":[${items.join(',')}],"cursor":"c"}`;
    return {
      channel,
      content: (m) => m,
      bad: {
        'non-JSON': () => answer(NON_JSON),
        binary: () => answer(BINARY),
        '5 MB': () => answer(items(BIG)),
        'broken UTF-8': () =>
          answer(bytes('{"messages":[', BROKEN_UTF8, ',{"n":"after"}],"cursor":"c"}')),
        'wrong shape': () => answer('{"items":[{"n":"shape"}],"cursor":"c"}'),
        // One item of the answer carries it; the others must still be delivered.
        '__proto__ key': () => answer(items(PROTO, '{"n":"beside"}')),
      },
      good: (n) => answer(items(GOOD(n))),
    };
  },
  expected: {
    'non-JSON': 'error',
    binary: 'error',
    '5 MB': 'delivered',
    // Response.text() decodes with replacement, as browsers do; one byte never costs an answer.
    'broken UTF-8': 'delivered',
    'wrong shape': 'error',
    '__proto__ key': 'error',
  },
  companions: { 'broken UTF-8': [{ n: 'after' }], '__proto__ key': [{ n: 'beside' }] },
};

const polling: Transport = {
  name: 'polling',
  async open(consumer) {
    // The first poll (on connect) gets a good snapshot; each later one the next body queued.
    const bodies: Array<string | Uint8Array> = [GOOD(0)];
    const fetch = vi.fn(async () => new Response((bodies.shift() ?? GOOD(0)) as BodyInit));
    const channel = createPolling<unknown>('http://x.test/api/poll', {
      ...common,
      hub: createHub(),
      interval: 1000,
      ...consumer,
      env: { ...fakePage().env, fetch: fetch as unknown as typeof globalThis.fetch },
    });
    channel.connect();
    await settle();
    // Each frame is the answer to the next poll.
    const poll = async (body: string | Uint8Array) => {
      bodies.push(body);
      await settle(1000);
    };
    return {
      channel,
      content: (m) => m,
      bad: {
        'non-JSON': () => poll(NON_JSON),
        binary: () => poll(BINARY),
        '5 MB': () => poll(BIG),
        'broken UTF-8': () => poll(BROKEN_UTF8),
        '__proto__ key': () => poll(PROTO),
      },
      good: (n) => poll(GOOD(n)),
    };
  },
  expected: {
    'non-JSON': 'error',
    binary: 'error',
    '5 MB': 'delivered',
    'broken UTF-8': 'delivered',
    '__proto__ key': 'error',
  },
};

const iframe: Transport = {
  name: 'iframe',
  async open(consumer) {
    const page = fakeIframePage('https://app.test');
    const channel = createIframeStream<unknown>('https://push.test/iframe/stream', {
      ...common,
      hub: createHub(),
      ...consumer,
      env: page.env,
    });
    channel.connect();
    const post = (data: unknown) => page.post(data, 'https://push.test', page.current);
    post('{"type":"tidings:open"}');
    return {
      channel,
      content: (m) => m,
      bad: {
        'non-JSON': () => post(NON_JSON),
        binary: () => post(arrayBuffer(BINARY)),
        '5 MB': () => post(BIG),
        '__proto__ key': () => post(PROTO),
      },
      good: (n) => post(GOOD(n)),
    };
  },
  // postMessage carries JS strings and values, never bytes to decode, and has no envelope.
  expected: { 'non-JSON': 'error', binary: 'error', '5 MB': 'delivered', '__proto__ key': 'error' },
};

const mqtt: Transport = {
  name: 'MQTT',
  async open(consumer) {
    const client = Object.assign(new EventEmitter(), {
      subscribe(
        filters: Record<string, { qos: number }>,
        done: (error: null, granted: Array<{ topic: string; qos: number }>) => void,
      ) {
        done(
          null,
          Object.entries(filters).map(([topic, { qos }]) => ({ topic, qos })),
        );
      },
      unsubscribe() {},
      publish() {},
      end() {},
    });
    const module = { connect: () => client } as unknown as MqttModuleLike;
    const channel = createMqtt<unknown, unknown>('ws://broker.test/mqtt', {
      ...common,
      hub: createHub(),
      topics: 'feed/#',
      mqtt: module,
      ...consumer,
      env: fakePage().env,
    });
    channel.connect();
    await settle();
    client.emit('connect', { sessionPresent: false });
    await settle();
    const deliver = (payload: string | Uint8Array) => {
      client.emit('message', 'feed/a', Buffer.from(payload), { qos: 0, retain: false });
    };
    return {
      channel,
      content: (m) => (m as { payload: unknown }).payload,
      bad: {
        'non-JSON': () => deliver(NON_JSON),
        binary: () => deliver(BINARY),
        '5 MB': () => deliver(BIG),
        'broken UTF-8': () => deliver(BROKEN_UTF8),
        '__proto__ key': () => deliver(PROTO),
      },
      good: (n) => deliver(GOOD(n)),
    };
  },
  expected: {
    'non-JSON': 'error',
    binary: 'error',
    '5 MB': 'delivered',
    'broken UTF-8': 'error',
    '__proto__ key': 'error',
  },
};

const socketIO: Transport = {
  name: 'Socket.IO',
  async open(consumer) {
    const anyListeners = new Set<(event: string, ...args: unknown[]) => void>();
    const socket = Object.assign(new EventEmitter(), {
      active: true,
      connected: true,
      onAny: (fn: (event: string, ...args: unknown[]) => void) => anyListeners.add(fn),
      offAny: (fn: (event: string, ...args: unknown[]) => void) => anyListeners.delete(fn),
      connect() {},
      disconnect() {},
    });
    const module: SocketIOModuleLike = { io: () => socket };
    const channel = createSocketIO<unknown, unknown>('http://x.test', {
      ...common,
      hub: createHub(),
      io: module,
      ...consumer,
      env: fakePage().env,
    });
    channel.connect();
    await settle();
    socket.emit('connect');
    // socket.io-client hands over arguments its parser already decoded (JSON.parse).
    const serverEmits = (...args: unknown[]) => {
      for (const fn of [...anyListeners]) fn('news', ...args);
    };
    return {
      channel,
      content: (m) => (m as { args: unknown[] }).args[0],
      bad: {
        'non-JSON': () => serverEmits(NON_JSON),
        binary: () => serverEmits(arrayBuffer(BINARY)),
        '5 MB': () => serverEmits(JSON.parse(BIG)),
        '__proto__ key': () => serverEmits(JSON.parse(PROTO)),
      },
      good: (n) => serverEmits({ n }),
    };
  },
  expected: {
    // Arguments arrive as Socket.IO decoded them: a string argument is a string, not JSON text.
    'non-JSON': 'delivered',
    // Binary attachments are part of Socket.IO: delivered as they are.
    binary: 'delivered',
    '5 MB': 'delivered',
    '__proto__ key': 'error',
  },
};

const TRANSPORTS = [webSocket, sseFetch, longPoll, polling, iframe, mqtt, socketIO];

/** What the app got from a bad frame of each kind, when the table says it is delivered. */
function deliveredAsExpected(kind: BadFrame, contents: unknown[]): void {
  const from = (n: string) => contents.filter((c) => (c as { n?: unknown } | null)?.n === n);
  switch (kind) {
    case '5 MB':
      expect(from('big').map((c) => (c as { big: string }).big.length)).toEqual([BIG_LENGTH]);
      return;
    case 'broken UTF-8':
      expect(from('utf8')).toEqual([{ n: 'utf8', text: '\uFFFD(' }]);
      return;
    case 'binary':
      expect(contents.filter((c) => c instanceof ArrayBuffer)).toHaveLength(1);
      return;
    case 'non-JSON':
      expect(contents.filter((c) => c === NON_JSON)).toHaveLength(1);
      return;
    default:
      throw new Error(`no delivery check for ${kind}`);
  }
}

describe('bad-frame matrix', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  const cells = TRANSPORTS.flatMap((transport) =>
    Object.entries(transport.expected).map(([kind, outcome]) => ({
      transport,
      kind: kind as BadFrame,
      outcome: outcome as Outcome,
    })),
  );

  it.each(cells)(
    '$transport.name × $kind: $outcome, then the next frame',
    async ({ transport, kind, outcome }) => {
      const errors: TidingsError[] = [];
      const messages: unknown[] = [];
      const reduced: unknown[] = [];
      const wiring = await transport.open({
        onError: (error) => errors.push(error),
        onMessage: (message) => messages.push(message),
        reduce: (_, message) => {
          reduced.push(message);
          return message;
        },
      });
      await settle();
      const sendBad = wiring.bad[kind];
      if (!sendBad) throw new Error(`${transport.name} has no ${kind} frame`);

      let thrown: unknown;
      try {
        await sendBad();
        await wiring.good(1);
        await settle();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeUndefined();

      const contents = reduced.map((message) => wiring.content(message));
      const companions = transport.companions?.[kind] ?? [];
      for (const companion of companions) expect(contents).toContainEqual(companion);
      // The good frame after the bad one arrives, last.
      expect(contents.at(-1)).toEqual({ n: 1 });
      expect(messages.map((message) => wiring.content(message))).toEqual(contents);
      expect(wiring.channel.getState().status).toBe('open');
      // Nothing reached the app with a `__proto__` of its own, and no prototype changed.
      for (const content of contents) {
        if (content && typeof content === 'object') {
          expect(Object.hasOwn(content, '__proto__')).toBe(false);
        }
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();

      if (outcome === 'error') {
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) {
          expect(error).toBeInstanceOf(TidingsError);
          expect(error.kind).toBe('parse');
        }
        // Skipped: only good frames (and the other items of a long-poll answer) were delivered.
        for (const content of contents) {
          expect([...GOOD_CONTENTS, ...companions]).toContainEqual(content);
        }
      } else {
        expect(errors).toEqual([]);
        deliveredAsExpected(kind, contents);
      }
      wiring.channel.close();
    },
  );
});
