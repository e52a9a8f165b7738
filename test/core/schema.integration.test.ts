import {
  createHub,
  createSSE,
  createWebSocket,
  type StandardSchemaV1,
  type TidingsError,
} from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { z } from 'zod';
import { fastReconnect } from '../shared/mockServerHelpers';

// The mock server's messages are `{ id, type, data, ts }`: the schemas check `data`'s shape.
const zodChat = z.object({
  id: z.string(),
  type: z.literal('chat'),
  data: z.object({ user: z.string(), text: z.string() }),
});
const valibotChat = v.object({
  id: v.string(),
  type: v.literal('chat'),
  data: v.object({ user: v.string(), text: v.string() }),
});

let server: MockServer;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

describe.each([
  ['zod', zodChat],
  ['valibot', valibotChat],
] as const)('schema (%s) against the mock server', (_vendor, schema) => {
  it('WebSocket: an invalid message is a parse error, skipped, and the next one arrives', async () => {
    const errors: TidingsError[] = [];
    const chat = createWebSocket(`${server.url}/ws`, {
      schema,
      hub: createHub(),
      reconnect: fastReconnect,
      reduce: (texts: string[] | undefined, line) => [...(texts ?? []), line.data.text],
      onError: (error) => errors.push(error),
      env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
    });
    cleanups.push(() => chat.close());
    chat.connect();
    await chat.send({ type: 'chat', data: { user: 'ann', text: 'one' } });
    await chat.send({ type: 'chat', data: { user: 'ann' } });
    await chat.send({ type: 'chat', data: { user: 'bob', text: 'two' } });
    await vi.waitFor(() => expect(chat.getState().data).toEqual(['one', 'two']));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.kind).toBe('parse');
    expect(errors[0]?.message).toMatch(/^Invalid message: data\.text: /);
    expect(chat.getState()).toMatchObject({ status: 'open', received: 2 });
  });

  it('SSE: an invalid event is skipped with a parse error in state.error, the stream goes on', async () => {
    const sse = createSSE(`${server.url}/api/sse`, {
      events: ['chat'],
      transport: 'fetch',
      schema,
      hub: createHub(),
      reconnect: fastReconnect,
      reduce: (texts: string[] | undefined, line) => [...(texts ?? []), line.data.text],
    });
    cleanups.push(() => sse.close());
    sse.connect();
    await vi.waitFor(() => expect(sse.getState().status).toBe('open'));
    server.publish({ type: 'chat', data: { user: 'ann', text: 'one' } });
    server.publish({ type: 'chat', data: { user: 'ann', text: 2 } });
    await vi.waitFor(() => expect(sse.getState().error?.kind).toBe('parse'));
    expect(sse.getState().error?.message).toMatch(/^Invalid "chat" message: data\.text: /);
    server.publish({ type: 'chat', data: { user: 'bob', text: 'two' } });
    await vi.waitFor(() => expect(sse.getState().data).toEqual(['one', 'two']));
    expect(sse.getState().status).toBe('open');
  });
});

describe('SSE envelope', () => {
  it('several events: each message says which event it was, with its data and id', async () => {
    const received: unknown[] = [];
    const sse = createSSE(`${server.url}/api/sse`, {
      events: ['chat', 'notification'],
      envelope: true,
      transport: 'fetch',
      hub: createHub(),
      reconnect: fastReconnect,
      onMessage: (message) => received.push(message),
    });
    cleanups.push(() => sse.close());
    sse.connect();
    await vi.waitFor(() => expect(sse.getState().status).toBe('open'));
    const chat = server.publish({ type: 'chat', data: { text: 'hi' } });
    const alert = server.publish({ type: 'notification', data: { title: 'Hi' } });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([
      { event: 'chat', data: chat, id: chat.id },
      { event: 'notification', data: alert, id: alert.id },
    ]);
  });

  it('a schema discriminated on event checks the whole envelope', async () => {
    const errors: TidingsError[] = [];
    const Envelope = z.discriminatedUnion('event', [
      z.object({
        event: z.literal('chat'),
        data: z.object({ data: z.object({ text: z.string() }) }),
      }),
      z.object({
        event: z.literal('notification'),
        data: z.object({ data: z.object({ title: z.string() }) }),
      }),
    ]);
    const sse = createSSE(`${server.url}/api/sse`, {
      events: ['chat', 'notification'],
      envelope: true,
      schema: Envelope,
      transport: 'fetch',
      hub: createHub(),
      reconnect: fastReconnect,
      reduce: (seen: string[] | undefined, m) => [
        ...(seen ?? []),
        m.event === 'chat' ? m.data.data.text : m.data.data.title,
      ],
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => sse.close());
    sse.connect();
    await vi.waitFor(() => expect(sse.getState().status).toBe('open'));
    server.publish({ type: 'notification', data: { text: 'a chat shape on the wrong event' } });
    server.publish({ type: 'chat', data: { text: 'hi' } });
    server.publish({ type: 'notification', data: { title: 'Hi' } });
    await vi.waitFor(() => expect(sse.getState().data).toEqual(['hi', 'Hi']));
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['parse', expect.stringMatching(/^Invalid "notification" message: data\.data\.title: /)],
    ]);
  });
});

describe('schema output and async schemas', () => {
  function webSocket<T>(schema: StandardSchemaV1<unknown, T>) {
    const errors: TidingsError[] = [];
    const received: T[] = [];
    const chat = createWebSocket(`${server.url}/ws`, {
      schema,
      hub: createHub(),
      reconnect: fastReconnect,
      onMessage: (message) => received.push(message),
      onError: (error) => errors.push(error),
      env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
    });
    cleanups.push(() => chat.close());
    chat.connect();
    return { chat, errors, received };
  }

  it("delivers the schema's output, so transforms apply", async () => {
    const { chat, received } = webSocket(
      z
        .object({ data: z.object({ text: z.string() }) })
        .transform((m) => m.data.text.toUpperCase()),
    );
    await chat.send({ type: 'chat', data: { text: 'hi' } });
    await vi.waitFor(() => expect(received).toEqual(['HI']));
    expect(chat.getState().data).toBe('HI');
  });

  it('an async schema is refused with a config error per message; the connection stays up', async () => {
    const { chat, errors, received } = webSocket(
      z.object({ type: z.string() }).refine(async () => true),
    );
    await chat.send({ type: 'chat', data: 'one' });
    await chat.send({ type: 'chat', data: 'two' });
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    expect(errors.map((e) => e.kind)).toEqual(['config', 'config']);
    expect(errors[0]?.message).toMatch(/asynchronously/);
    expect(received).toEqual([]);
    expect(chat.getState().status).toBe('open');
  });
});
