import { EventEmitter } from 'node:events';
import { createHub, createSocketIO, type SocketIOModuleLike } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A socket.io-client Socket stand-in; the test plays the server. */
class FakeSocket extends EventEmitter {
  active = true;
  recovered = false;
  connects = 0;
  disconnects = 0;
  emitted: unknown[][] = [];
  _pid: string | undefined;
  private anyListeners: Array<(event: string, ...args: unknown[]) => void> = [];
  constructor(
    readonly url: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  onAny(fn: (event: string, ...args: unknown[]) => void) {
    this.anyListeners.push(fn);
  }
  offAny(fn: (event: string, ...args: unknown[]) => void) {
    this.anyListeners = this.anyListeners.filter((l) => l !== fn);
  }
  override emit(event: string, ...args: unknown[]): boolean {
    if (['connect', 'connect_error', 'disconnect'].includes(event))
      return super.emit(event, ...args);
    this.emitted.push([event, ...args]);
    return true;
  }
  connect() {
    this.connects++;
  }
  disconnect() {
    this.disconnects++;
  }
  /** The handshake data Socket.IO would send now. */
  handshake(): Promise<Record<string, unknown>> {
    const auth = this.options.auth as (cb: (data: Record<string, unknown>) => void) => void;
    return new Promise((resolve) => auth(resolve));
  }
  serverEmits(event: string, ...args: unknown[]) {
    for (const fn of this.anyListeners) fn(event, ...args);
  }
}

function fakeIO() {
  const sockets: FakeSocket[] = [];
  const module: SocketIOModuleLike = {
    io: (url, options) => {
      const socket = new FakeSocket(url, options);
      sockets.push(socket);
      return socket;
    },
  };
  return { module, sockets };
}

describe('createSocketIO (fake socket)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps one Socket across attempts and sends the cursor and user auth on each connect', async () => {
    const io = fakeIO();
    let token = 'a';
    const channel = createSocketIO('http://x.test', {
      hub: createHub(),
      io: io.module,
      namespace: '/admin',
      auth: () => ({ token }),
      messageId: (m) => (m as { id?: string }).id,
      reconnect: { minDelay: 10, maxDelay: 10 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const [socket] = io.sockets;
    if (!socket) throw new Error('no socket');
    expect(socket.url).toBe('http://x.test/admin');
    expect(socket.options).toMatchObject({
      reconnection: false,
      autoConnect: false,
      path: '/socket.io',
    });
    expect(await socket.handshake()).toEqual({ token: 'a' });
    socket.emit('connect');
    socket.serverEmits('n', { id: '7' });
    socket.emit('disconnect', 'transport close');
    token = 'b';
    await vi.advanceTimersByTimeAsync(10);
    expect(io.sockets).toHaveLength(1);
    expect(socket.connects).toBe(2);
    expect(await socket.handshake()).toEqual({ token: 'b', cursor: '7' });
    channel.close();
  });

  it('reports a recovered session through `recovered` and onRecover', async () => {
    const io = fakeIO();
    const onRecover = vi.fn();
    const channel = createSocketIO('http://x.test', { hub: createHub(), io: io.module, onRecover });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    socket.emit('connect');
    expect(channel.recovered).toBe(false);
    socket.emit('disconnect', 'ping timeout');
    await vi.advanceTimersByTimeAsync(60_000);
    socket.recovered = true;
    socket.emit('connect');
    expect(channel.recovered).toBe(true);
    expect(onRecover).toHaveBeenCalledTimes(1);
    channel.close();
  });

  it('stops without retrying when the server middleware refuses (socket not active)', async () => {
    const io = fakeIO();
    const channel = createSocketIO('http://x.test', { hub: createHub(), io: io.module });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    socket.active = false;
    socket.emit('connect_error', new Error('not authorized'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connects).toBe(1);
    expect(channel.getState()).toMatchObject({
      status: 'closed',
      error: { kind: 'auth', retryable: false },
    });
  });

  it('retries a transport-level connect_error (socket still active)', async () => {
    const io = fakeIO();
    const channel = createSocketIO('http://x.test', {
      hub: createHub(),
      io: io.module,
      reconnect: { minDelay: 10, maxDelay: 10 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    socket.emit('connect_error', new Error('xhr poll error'));
    await vi.advanceTimersByTimeAsync(10);
    expect(socket.connects).toBe(2);
    expect(channel.getState().error).toMatchObject({ kind: 'network' });
    channel.close();
  });

  it('strips the recovery offset, parses each argument, filters events', async () => {
    const io = fakeIO();
    const channel = createSocketIO<unknown>('http://x.test', {
      hub: createHub(),
      io: io.module,
      events: ['n'],
      notify: 'sync',
    });
    const seen: unknown[] = [];
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    socket.emit('connect');
    socket.serverEmits('n', { id: '1' }, '{"a":1}', 3); // no session: every argument is data
    socket._pid = 'pid';
    socket.serverEmits('n', { id: '2' }, 'offset-1');
    socket.serverEmits('other', { id: '3' }, 'offset-2');
    expect(seen).toEqual([
      { event: 'n', args: [{ id: '1' }, { a: 1 }, 3] },
      { event: 'n', args: [{ id: '2' }] },
    ]);
    channel.close();
  });

  it('emit before the socket exists is sent once it does; emitWithAck times out', async () => {
    const io = fakeIO();
    const channel = createSocketIO('http://x.test', {
      hub: createHub(),
      io: io.module,
      ackTimeout: 500,
    });
    const errors: string[] = [];
    channel.setOptions({ onError: (e) => errors.push(e.kind) });
    channel.emit('early', 1);
    expect(errors).toEqual(['config']);
    channel.connect();
    channel.emit('early', 2);
    const answer = channel.emitWithAck('ask', 'q');
    const outcome = answer.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    expect(socket.emitted.map(([event, arg]) => [event, arg])).toEqual([
      ['early', 2],
      ['ask', 'q'],
    ]);
    await vi.advanceTimersByTimeAsync(500);
    expect(await outcome).toMatchObject({ kind: 'timeout' });
    channel.close();
  });
});
