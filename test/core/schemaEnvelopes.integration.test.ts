import { createHub, type TidingsError } from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { zodChatLine } from '../shared/chatSchemas';
import { fastReconnect } from '../shared/mockServerHelpers';

// MQTT and Socket.IO wrap what `parse` produces in an envelope of their own: the schema checks the
// payload (MQTT) or each argument (Socket.IO), never the envelope.

let server: MockServer;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

describe('schema on enveloped transports against the mock server', () => {
  it('Socket.IO: each argument is checked; an invalid event is a parse error and skipped', async () => {
    const errors: TidingsError[] = [];
    const chat = createSocketIO(server.url, {
      events: ['chat'],
      transports: ['websocket'],
      schema: zodChatLine,
      hub: createHub(),
      reconnect: fastReconnect,
      reduce: (texts: string[] | undefined, m) => [...(texts ?? []), m.args[0]?.data.text ?? ''],
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => chat.close());
    chat.connect();
    await vi.waitFor(() => expect(chat.getState().status).toBe('open'));
    server.publish({ type: 'chat', data: { user: 'ann', text: 'one' } });
    server.publish({ type: 'chat', data: { user: 'ann' } });
    server.publish({ type: 'chat', data: { user: 'bob', text: 'two' } });
    await vi.waitFor(() => expect(chat.getState().data).toEqual(['one', 'two']));
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['parse', expect.stringMatching(/^Invalid "chat" message: data\.text: /)],
    ]);
  });

  it('MQTT: the payload is checked; an invalid one is a parse error naming its topic', async () => {
    const errors: TidingsError[] = [];
    const chat = createMqtt(`${server.url.replace(/^http/, 'ws')}/mqtt`, {
      topics: 'notifications/chat',
      schema: zodChatLine,
      hub: createHub(),
      reconnect: fastReconnect,
      reduce: (texts: string[] | undefined, m) => [...(texts ?? []), m.payload.data.text],
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => chat.close());
    chat.connect();
    await vi.waitFor(() => expect(chat.getState().status).toBe('open'));
    server.publish({ type: 'chat', data: { user: 'ann', text: 'one' } });
    server.publish({ type: 'chat', data: 'not a line' });
    server.publish({ type: 'chat', data: { user: 'bob', text: 'two' } });
    await vi.waitFor(() => expect(chat.getState().data).toEqual(['one', 'two']));
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['parse', expect.stringMatching(/^Invalid message on topic "notifications\/chat": data: /)],
    ]);
  });
});
