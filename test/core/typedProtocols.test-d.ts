import type { StandardSchemaV1 as SpecSchema } from '@standard-schema/spec';
import {
  createIframeStream,
  createLongPoll,
  createPolling,
  createSSE,
  createSSEStream,
  createWebSocket,
  type SendReceipt,
  type SSEEvent,
  type SSEStreamChannel,
  type StandardSchemaV1,
} from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import {
  createSocketIO,
  type SocketIOListens,
  type SocketIOMessage,
} from '@tidings/core/socket-io';
import * as v from 'valibot';
import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';

const Line = z.object({ user: z.string(), text: z.string() });
type Line = z.infer<typeof Line>;

describe('schema', () => {
  test('the vendored interface is the published Standard Schema v1', () => {
    expectTypeOf<StandardSchemaV1<unknown, Line>>().toExtend<SpecSchema<unknown, Line>>();
    expectTypeOf<SpecSchema<unknown, Line>>().toExtend<StandardSchemaV1<unknown, Line>>();
  });

  test('a zod schema types the WebSocket message and data', () => {
    const chat = createWebSocket('/ws', { schema: Line });
    chat.onMessage((line) => expectTypeOf(line).toEqualTypeOf<Line>());
    expectTypeOf(chat.getState().data).toEqualTypeOf<Line | undefined>();
  });

  test('a valibot schema types the SSE message, and reduce folds it', () => {
    const Alert = v.object({ id: v.string(), level: v.picklist(['info', 'warn']) });
    const alerts = createSSE('/api/sse', {
      schema: Alert,
      reduce: (list: string[] | undefined, alert) => [...(list ?? []), alert.level],
    });
    alerts.onMessage((alert) =>
      expectTypeOf(alert).toEqualTypeOf<{ id: string; level: 'info' | 'warn' }>(),
    );
    expectTypeOf(alerts.getState().data).toEqualTypeOf<string[] | undefined>();
  });

  test('a schema must produce the declared message type', () => {
    // @ts-expect-error: the schema's output is not a number
    createWebSocket<number>('/ws', { schema: Line });
  });

  test('MQTT and Socket.IO: the schema types the payload and each argument', () => {
    const mqtt = createMqtt('ws://broker/mqtt', { topics: 'chat/#', schema: Line });
    mqtt.onMessage((m) => expectTypeOf(m.payload).toEqualTypeOf<Line>());
    const io = createSocketIO('http://chat', { schema: Line });
    io.onMessage((m) => expectTypeOf(m).toEqualTypeOf<SocketIOMessage<Line>>());
  });
});

describe('SSE event map', () => {
  type Chat = SSEEvent<{ line: Line; typing: { who: string } }>;

  test('envelope: checking event narrows data', () => {
    const chat = createSSE<Chat>('/api/sse', { events: ['line', 'typing'], envelope: true });
    chat.onMessage((m) => {
      expectTypeOf(m.id).toEqualTypeOf<string | undefined>();
      if (m.event === 'line') expectTypeOf(m.data).toEqualTypeOf<Line>();
      else expectTypeOf(m.data).toEqualTypeOf<{ who: string }>();
    });
  });

  test('a schema discriminated on event types the envelope', () => {
    const Envelope = z.discriminatedUnion('event', [
      z.object({ event: z.literal('line'), data: Line, id: z.string().optional() }),
      z.object({ event: z.literal('typing'), data: z.object({ who: z.string() }) }),
    ]);
    const chat = createSSE('/api/sse', {
      events: ['line', 'typing'],
      envelope: true,
      schema: Envelope,
    });
    chat.onMessage((m) => {
      if (m.event === 'typing') expectTypeOf(m.data).toEqualTypeOf<{ who: string }>();
    });
  });
});

describe('typed verbs', () => {
  type Command = { type: 'say'; text: string } | { type: 'leave' };

  test('WebSocket send takes TSend', () => {
    const chat = createWebSocket<Line, Line, Command>('/ws');
    expectTypeOf(chat.send({ type: 'leave' })).toEqualTypeOf<SendReceipt>();
    // @ts-expect-error: not a Command
    chat.send({ type: 'shout' });
    // Untyped by default: anything goes, as before.
    createWebSocket('/ws').send(42);
  });

  test('Socket.IO emit follows the map of outgoing events', () => {
    type Emits = { chat: (line: Line) => void; typing: () => void };
    const io = createSocketIO<Line, SocketIOMessage<Line>, Emits>('http://chat');
    io.emit('chat', { user: 'a', text: 'hi' });
    io.emit('typing');
    expectTypeOf(io.emitWithAck('chat', { user: 'a', text: 'hi' })).toEqualTypeOf<
      SendReceipt<unknown[]>
    >();
    // @ts-expect-error: an event that is not in the map
    io.emit('shout', 'hi');
    // @ts-expect-error: the wrong argument
    io.emit('chat', 'hi');
    // @ts-expect-error: missing the argument
    io.emit('chat');
    // Untyped by default.
    createSocketIO('http://chat').emit('anything', 1, 'two', { three: 3 });
  });

  test("Socket.IO incoming events: checking event narrows args, and events lists the map's names", () => {
    type Incoming = SocketIOListens<{
      chat: (line: Line) => void;
      typing: (who: string, since: number) => void;
      ask: (question: string, answer: (yes: boolean) => void) => void;
    }>;
    type Emits = { chat: (line: Line) => void };
    const io = createSocketIO<Incoming, SocketIOMessage<Incoming>, Emits>('http://chat', {
      events: ['chat', 'typing', 'ask'],
    });
    io.onMessage((m) => {
      if (m.event === 'chat') expectTypeOf(m.args).toEqualTypeOf<[Line]>();
      else if (m.event === 'typing') expectTypeOf(m.args).toEqualTypeOf<[string, number]>();
      else {
        expectTypeOf(m.event).toEqualTypeOf<'ask'>();
        // The trailing callback is the ack request: not an argument, typed on `ack`.
        expectTypeOf(m.args).toEqualTypeOf<[string]>();
        expectTypeOf(m.ack).toEqualTypeOf<((yes: boolean) => void) | undefined>();
      }
      // @ts-expect-error: before narrowing, args is any event's
      const line: [Line] = m.args;
      return line;
    });
    // TData's default follows the map.
    const plain = createSocketIO<Incoming>('http://chat');
    expectTypeOf(plain.getState().data).toEqualTypeOf<SocketIOMessage<Incoming> | undefined>();
    // @ts-expect-error: an event that is not in the map
    createSocketIO<Incoming>('http://chat', { events: ['shout'] });
    // One argument type, as before: any event name, every argument a Line.
    createSocketIO<Line>('http://chat', { events: ['anything'] }).onMessage((m) => {
      expectTypeOf(m.event).toEqualTypeOf<string>();
      expectTypeOf(m.args).toEqualTypeOf<Line[]>();
    });
  });

  test('URL getters: SSE and the iframe stream take one, long polling and polling a { url } source', () => {
    const token = async () => 't';
    createSSE<Line>(async () => `/api/sse?token=${await token()}`, { events: ['line'] });
    createIframeStream(() => new URL('https://x.test/iframe/stream'));
    createLongPoll<Line>({ url: async () => `/api/long-poll?token=${await token()}` });
    createPolling<Line>({ url: () => '/api/notifications' });
    // @ts-expect-error: a getter must give a URL
    createSSE(async () => 42);
  });

  test('a request-scoped SSE stream takes a URL getter as createSSE does', () => {
    const token = async () => 't';
    expectTypeOf(
      createSSEStream<Line>(async () => `/api/chat?token=${await token()}`, { method: 'POST' }),
    ).toEqualTypeOf<SSEStreamChannel<Line, Line>>();
    expectTypeOf(createSSEStream<Line>(() => new URL('https://x.test/api/chat'))).toEqualTypeOf<
      SSEStreamChannel<Line, Line>
    >();
    // The deprecated `manual: true` returns the same stream for a getter.
    expectTypeOf(createSSE<Line>(() => '/api/chat', { manual: true })).toEqualTypeOf<
      SSEStreamChannel<Line, Line>
    >();
    // @ts-expect-error: a getter must give a URL
    createSSEStream(async () => 42);
  });

  test('MQTT publish takes TPublish', () => {
    const alerts = createMqtt<Line, Line, { ack: string }>('ws://broker/mqtt');
    alerts.publish('alerts/ack', { ack: '7' });
    // @ts-expect-error: not the publish type
    alerts.publish('alerts/ack', 'seven');
  });
});
