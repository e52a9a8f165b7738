import {
  createHub,
  createWebSocket,
  type TidingsError,
  type WebSocketChannel,
  type WebSocketOptions,
} from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';

interface Message {
  id?: string;
  type: string;
  data?: unknown;
}

/** `ws` with a record of every frame the server sent, pongs included. */
function recordingWebSocket() {
  const frames: unknown[] = [];
  class Recording extends NodeWebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event) => frames.push(event.data));
    }
  }
  return { WebSocket: Recording as unknown as typeof WebSocket, frames };
}

let server: MockServer;
let channels: WebSocketChannel<Message>[];

beforeEach(async () => {
  server = await startMockServer({ port: 0 });
  channels = [];
});

afterEach(async () => {
  for (const channel of channels) channel.close();
  await server.close();
});

function open(options: WebSocketOptions<Message> = {}) {
  const messages: Message[] = [];
  const errors: TidingsError[] = [];
  const channel = createWebSocket<Message>(`${server.url}/ws`, {
    hub: createHub(),
    reconnect: { minDelay: 10, maxDelay: 50 },
    onMessage: (message) => messages.push(message),
    onError: (error) => errors.push(error),
    // The mock server's messages carry the log id: the delivery id, for dedupe and resume.
    messageId: (m) => (m as Message | null)?.id,
    ...options,
    env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket, ...options.env },
  });
  channels.push(channel);
  channel.connect();
  return { channel, messages, errors };
}

async function waitOpen(channel: WebSocketChannel<Message>) {
  await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
}

const types = (messages: Message[]) => messages.map((m) => m.type);

describe('createWebSocket against the mock server', () => {
  it('receives published messages in order', async () => {
    const { channel, messages } = open();
    await waitOpen(channel);
    const first = server.publish({ type: 'notification', data: { title: 'Hi' } });
    server.publish({ type: 'alert' });
    await vi.waitFor(() => expect(messages).toHaveLength(2));
    expect(messages[0]).toMatchObject({
      id: first.id,
      type: 'notification',
      data: { title: 'Hi' },
    });
    expect(types(messages)).toEqual(['notification', 'alert']);
    expect(channel.getState().cursor).toBe(messages[1]?.id);
  });

  it('sends a chat message (queued before open) and receives it back as a broadcast', async () => {
    const { channel, messages } = open();
    expect(channel.send({ type: 'chat', data: { text: 'hello' } }).status).toBe('queued');
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    expect(messages[0]).toMatchObject({ type: 'chat', data: { text: 'hello' } });
    channel.send({ type: 'chat', data: { text: 'again' } });
    await vi.waitFor(() => expect(messages).toHaveLength(2));
    expect(messages[1]).toMatchObject({ type: 'chat', data: { text: 'again' } });
  });

  it('heartbeat: pings the real server, swallows its pongs and stays open', async () => {
    const recording = recordingWebSocket();
    const { channel, messages, errors } = open({
      heartbeat: { interval: 30, timeout: 2000 },
      env: { WebSocket: recording.WebSocket },
    });
    await vi.waitFor(() =>
      expect(recording.frames.filter((f) => f === '{"type":"pong"}').length).toBeGreaterThanOrEqual(
        3,
      ),
    );
    server.publish({ type: 'after-pongs' });
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    expect(types(messages)).toEqual(['after-pongs']);
    expect(errors).toEqual([]);
    expect(channel.getState().status).toBe('open');
    expect(server.stats().transports.ws.opened).toBe(1);
  });

  it('resumes after server.drop(): messages published during the outage arrive once, in order', async () => {
    const { channel, messages } = open();
    await waitOpen(channel);
    server.publish({ type: 'm1' });
    server.publish({ type: 'm2' });
    await vi.waitFor(() => expect(messages).toHaveLength(2));
    server.drop();
    server.publish({ type: 'm3' });
    server.publish({ type: 'm4' });
    await vi.waitFor(() => expect(server.stats().transports.ws.opened).toBe(2));
    await waitOpen(channel);
    server.publish({ type: 'm5' });
    await vi.waitFor(() => expect(messages).toHaveLength(5));
    expect(types(messages)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(new Set(messages.map((m) => m.id)).size).toBe(5);
    expect(channel.getState().received).toBe(5);
  });

  it('close code 4401: closed with an auth error, no further attempts', async () => {
    server.setFaults({ closeCode: 4401 });
    const { channel, errors } = open();
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
    expect(channel.getState().error).toMatchObject({
      kind: 'auth',
      status: 4401,
      retryable: false,
    });
    expect(errors).toHaveLength(1);
    expect(server.stats().transports.ws.opened).toBe(1);
    // Clearing the fault does not bring it back by itself; only connect() does.
    server.setFaults({});
    channel.connect();
    await waitOpen(channel);
    expect(server.stats().transports.ws.opened).toBe(2);
  });

  it('a malformed frame sets a parse error; the next message still arrives', async () => {
    const { channel, messages, errors } = open();
    await waitOpen(channel);
    server.publish({ type: 'x', raw: 'not json{' });
    server.publish({ type: 'good' });
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    expect(types(messages)).toEqual(['good']);
    expect(errors.map((e) => e.kind)).toEqual(['parse']);
    expect(channel.getState().status).toBe('open');
  });

  it('two channels with the same URL on one hub share one socket, closed after the last leaves', async () => {
    const hub = createHub();
    const a = open({ hub });
    const b = open({ hub, queue: 5 });
    await waitOpen(a.channel);
    await waitOpen(b.channel);
    server.publish({ type: 'shared' });
    await vi.waitFor(() => {
      expect(types(a.messages)).toEqual(['shared']);
      expect(types(b.messages)).toEqual(['shared']);
    });
    expect(server.stats().transports.ws).toMatchObject({ connections: 1, opened: 1 });
    a.channel.close();
    server.publish({ type: 'only-b' });
    await vi.waitFor(() => expect(types(b.messages)).toEqual(['shared', 'only-b']));
    expect(server.stats().transports.ws.connections).toBe(1);
    b.channel.close();
    await vi.waitFor(() => expect(server.stats().transports.ws.connections).toBe(0));
  });
});
