import { createHub, createWebSocket, type TidingsError } from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { fastReconnect } from '../shared/mockServerHelpers';

interface Message {
  id?: string;
  type: string;
  data?: unknown;
}

let server: MockServer;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

function chat() {
  const messages: Message[] = [];
  const errors: TidingsError[] = [];
  const channel = createWebSocket<Message>(`${server.url}/ws`, {
    hub: createHub(),
    reconnect: fastReconnect,
    onMessage: (message) => messages.push(message),
    onError: (error) => errors.push(error),
    env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
  });
  cleanups.push(() => channel.close());
  return { channel, messages, errors };
}

describe('createWebSocket send() against the mock server', () => {
  it('messages queued before the socket opens are sent in order, and their receipts resolve', async () => {
    const { channel, messages } = chat();
    channel.connect();
    const first = channel.send({ type: 'chat', data: 'one' });
    const second = channel.send({ type: 'chat', data: 'two' });
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    await Promise.all([first, second]);
    // The server appends each chat to its log and broadcasts it back to this socket.
    await vi.waitFor(() => expect(messages.map((m) => m.data)).toEqual(['one', 'two']));
  });

  it('closed for good by 4401: every queued message is reported unsent, none sent later', async () => {
    server.setFaults({ closeCode: 4401 });
    const { channel, errors } = chat();
    channel.connect();
    const first = channel.send({ type: 'chat', data: 'one' });
    const second = channel.send({ type: 'chat', data: 'two' });
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
    expect(errors.map((e) => e.kind)).toEqual(['auth', 'unsent']);
    const [, unsent] = errors;
    expect(unsent?.messages).toEqual([
      { type: 'chat', data: 'one' },
      { type: 'chat', data: 'two' },
    ]);
    expect(unsent?.cause).toBe(errors[0]);
    expect(channel.getState().error).toBe(unsent);
    await expect(first).rejects.toBe(unsent);
    await expect(second).rejects.toBe(unsent);
    expect(channel.send({ type: 'chat', data: 'three' }).status).toBe('refused');

    server.setFaults({});
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    // A message sent now is the first chat the server ever got: nothing was kept and flushed.
    await channel.send({ type: 'chat', data: 'after' });
    await vi.waitFor(() => expect(server.stats().messages).toBe(1));
  });
});
