import type { SendReceipt, SSEEvent } from '@tidings/core';
import type { SocketIOListens, SocketIOMessage } from '@tidings/core/socket-io';
import { useIframeStream, useLongPoll, usePolling, useSSE, useWebSocket } from '@tidings/react';
import { useMqtt } from '@tidings/react/mqtt';
import { useSocketIO } from '@tidings/react/socket-io';
import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';

const Line = z.object({ user: z.string(), text: z.string() });
type Line = z.infer<typeof Line>;

describe('React hooks: data and initial', () => {
  test('without initial, data may be undefined', () => {
    expectTypeOf(useWebSocket<Line>('/ws').data).toEqualTypeOf<Line | undefined>();
    expectTypeOf(useSSE<Line>('/api/sse').data).toEqualTypeOf<Line | undefined>();
  });

  test('with initial, data is never undefined', () => {
    const lines = useWebSocket('/ws', {
      schema: Line,
      initial: [] as Line[],
      reduce: (list = [], line) => [...list, line],
    });
    expectTypeOf(lines.data).toEqualTypeOf<Line[]>();
    expectTypeOf(
      useSSE<Line>('/api/sse', { initial: { user: '', text: '' } }).data,
    ).toEqualTypeOf<Line>();
    expectTypeOf(usePolling<number>(async () => 1, { initial: 0 }).data).toEqualTypeOf<number>();
    expectTypeOf(useLongPoll<number>('/api/poll', { initial: 0 }).data).toEqualTypeOf<number>();
    const mqtt = useMqtt('ws://b/mqtt', {
      schema: Line,
      initial: [] as string[],
      reduce: (l = [], m) => [...l, m.payload.text],
    });
    expectTypeOf(mqtt.data).toEqualTypeOf<string[]>();
    const io = useSocketIO('http://chat', { schema: Line, initial: 0, reduce: (n = 0) => n + 1 });
    expectTypeOf(io.data).toEqualTypeOf<number>();
  });
});

describe('React hooks: schema and typed verbs', () => {
  test('a schema types the message', () => {
    useWebSocket('/ws', {
      schema: Line,
      onMessage: (line) => expectTypeOf(line).toEqualTypeOf<Line>(),
    });
    expectTypeOf(useSSE('/api/sse', { schema: Line }).data).toEqualTypeOf<Line | undefined>();
  });

  test('an SSE event map narrows data by event', () => {
    const { data } = useSSE<SSEEvent<{ line: Line; typing: { who: string } }>>('/api/sse', {
      events: ['line', 'typing'],
      envelope: true,
    });
    if (data?.event === 'typing') expectTypeOf(data.data).toEqualTypeOf<{ who: string }>();
  });

  test('a Socket.IO map of incoming events narrows args by event', () => {
    type Incoming = SocketIOListens<{ chat: (line: Line) => void; typing: (who: string) => void }>;
    const { data } = useSocketIO<Incoming>('http://chat', {
      events: ['chat', 'typing'],
      onMessage: (m) => {
        if (m.event === 'typing') expectTypeOf(m.args).toEqualTypeOf<[string]>();
      },
    });
    const message = data;
    if (message?.event === 'chat') expectTypeOf(message.args).toEqualTypeOf<[Line]>();
    if (message?.event === 'typing') expectTypeOf(message.args).toEqualTypeOf<[string]>();
    // @ts-expect-error: not an incoming event of the map
    useSocketIO<Incoming>('http://chat', { events: ['shout'] });
  });

  test('URL getters: SSE and the iframe stream take one, long polling and polling a { url } source', () => {
    const token = async () => 't';
    expectTypeOf(useSSE<Line>(async () => `/api/sse?token=${await token()}`).data).toEqualTypeOf<
      Line | undefined
    >();
    useIframeStream(() => '/iframe/stream?token=t');
    useLongPoll<Line>({ url: async () => `/api/long-poll?token=${await token()}` });
    usePolling<Line>({ url: () => new URL('https://x.test/api/notifications') });
    // @ts-expect-error: a getter must give a URL
    useLongPoll<Line>({ url: async () => 42 });
  });

  test('send, emit and publish are typed', () => {
    type Command = { type: 'say'; text: string };
    const { send } = useWebSocket<Line, Line, Command>('/ws');
    expectTypeOf(send({ type: 'say', text: 'hi' })).toEqualTypeOf<SendReceipt>();
    // @ts-expect-error: not a Command
    send('hi');

    type Emits = { chat: (line: Line) => void };
    const { emit, emitWithAck } = useSocketIO<Line, SocketIOMessage<Line>, Emits>('http://chat');
    emit('chat', { user: 'a', text: 'hi' });
    emitWithAck('chat', { user: 'a', text: 'hi' });
    // @ts-expect-error: not in the map
    emit('shout', 'hi');
    // @ts-expect-error: the wrong argument
    emitWithAck('chat', 42);

    const { publish } = useMqtt<Line, Line, { ack: string }>('ws://b/mqtt');
    publish('acks', { ack: '1' });
    // @ts-expect-error: not the publish type
    publish('acks', 1);
  });
});
