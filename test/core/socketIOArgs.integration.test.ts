import { createServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createHub } from '@tidings/core';
import { createSocketIO, type SocketIOMessage } from '@tidings/core/socket-io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The socket.io server the mock server runs (its dependency, not the root's), with connection
// state recovery on as there, so the server appends its offset exactly where socket.io 4.8 does.
const fromMockServer = createRequire(
  new URL('../../packages/mock-server/package.json', import.meta.url),
);
const { Server } = fromMockServer('socket.io') as { Server: new (...args: unknown[]) => IoServer };

type Ack = (...args: unknown[]) => void;
/** The part of a socket.io server `Socket` these tests drive. */
interface Socket {
  emit(event: string, ...args: unknown[]): boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  volatile: { emit(event: string, ...args: unknown[]): boolean };
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  handshake: { query: Record<string, unknown>; headers: Record<string, unknown> };
}
interface IoServer {
  emit(event: string, ...args: unknown[]): boolean;
  volatile: { emit(event: string, ...args: unknown[]): boolean };
  once(event: 'connection', listener: (socket: Socket) => void): unknown;
  close(): Promise<void>;
}

let http: HttpServer;
let io: IoServer;
let url: string;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  http = createServer();
  io = new Server(http, {
    connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: true },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await io.close();
});

function connected(options: Parameters<typeof createSocketIO<unknown>>[1] = {}) {
  const serverSide = new Promise<Socket>((resolve) => io.once('connection', resolve));
  const channel = createSocketIO<unknown>(url, {
    hub: createHub(),
    notify: 'sync',
    transports: ['websocket'],
    ...options,
  });
  const seen: Array<SocketIOMessage<unknown>> = [];
  channel.onMessage((m) => seen.push(m));
  channel.connect();
  cleanups.push(() => channel.close());
  return { channel, seen, serverSide };
}

describe('Socket.IO arguments against a real socket.io server with recovery on', () => {
  it('delivers volatile, per-socket and broadcast events with their arguments intact', async () => {
    const { channel, seen, serverSide } = connected();
    const socket = await serverSide;
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    // One at a time: socket.io drops a volatile packet while the transport is still writing.
    const steps = [
      () => socket.volatile.emit('typing', 'alice'),
      () => socket.emit('chat', 'hello'),
      () => io.emit('news', { title: 'up' }, 'second', 3),
      () => io.volatile.emit('typing', 'bob'),
    ];
    for (const [index, step] of steps.entries()) {
      step();
      await vi.waitFor(() => expect(seen).toHaveLength(index + 1));
    }
    expect(seen.map(({ event, args }) => ({ event, args }))).toEqual([
      { event: 'typing', args: ['alice'] },
      { event: 'chat', args: ['hello'] },
      { event: 'news', args: [{ title: 'up' }, 'second', 3] },
      { event: 'typing', args: ['bob'] },
    ]);
    expect(channel.getState().error).toBeNull();
  });

  it("hands the server's ack request to the app and carries the answer back", async () => {
    const { channel, seen, serverSide } = connected();
    const socket = await serverSide;
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const answer = socket.timeout(5000).emitWithAck('question', 'ready?');
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]?.args).toEqual(['ready?']);
    seen[0]?.ack?.('yes');
    await expect(answer).resolves.toBe('yes');
  });

  it('emitWithAck resolves with every argument of the ack; emit with an ack callback too', async () => {
    const { channel, serverSide } = connected();
    const socket = await serverSide;
    socket.on('save', (draft: unknown, ack: Ack) => ack('saved', draft));
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const receipt = channel.emitWithAck('save', { text: 'hi' });
    expect(receipt.status).toBe('sent');
    await expect(receipt).resolves.toEqual(['saved', { text: 'hi' }]);
    const answered = vi.fn();
    await channel.emit('save', 'plain', answered);
    await vi.waitFor(() => expect(answered).toHaveBeenCalledWith('saved', 'plain'));
  });

  it('emits queued before the first connect reach the server in order, typed as sent', async () => {
    const received: unknown[][] = [];
    const serverSide = new Promise<Socket>((resolve) =>
      io.once('connection', (socket: Socket) => {
        socket.onAny((event: string, ...args: unknown[]) => received.push([event, ...args]));
        resolve(socket);
      }),
    );
    const channel = createSocketIO<unknown>(url, { hub: createHub(), transports: ['websocket'] });
    cleanups.push(() => channel.close());
    channel.connect();
    const first = channel.emit('chat', 'hello');
    const second = channel.emit('chat', { n: 2 });
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    await Promise.all([first, second, serverSide]);
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([
      ['chat', 'hello'],
      ['chat', { n: 2 }],
    ]);
  });

  it('passes query, extraHeaders and other io() options to the handshake', async () => {
    const { serverSide } = connected({
      query: { room: 'blue' },
      extraHeaders: { 'x-tidings-test': 'yes' },
      ioOptions: { timeout: 4000 },
    });
    const socket = await serverSide;
    expect(socket.handshake.query).toMatchObject({ room: 'blue' });
    expect(socket.handshake.headers['x-tidings-test']).toBe('yes');
  });
});
