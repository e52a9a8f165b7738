import { createHub, type TidingsError } from '@tidings/core';
import { createSocketIO } from '@tidings/core/socket-io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeSocket, fakeIO } from '../shared/fakeSocketIO';

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

  it('strips only a real recovery offset, keeps typed arguments, filters events', async () => {
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
    const offset = yeastOf(Date.now());
    socket.serverConnects(); // no pid: recovery is off, every argument is data
    socket.serverEmits('n', { id: '1' }, '{"a":1}', 3, offset);
    socket.serverConnects('pid'); // recovery on
    socket.serverEmits('n', { id: '2' }, `${offset}.1`);
    socket.serverEmits('n', 'alice'); // volatile: no offset appended, 'alice' is data
    socket.serverEmits('n', yeastOf(Date.now() - 3 * 24 * 3600_000)); // not a present offset
    socket.serverEmits('other', { id: '3' }, offset);
    expect(seen).toEqual([
      { event: 'n', args: [{ id: '1' }, '{"a":1}', 3, offset] },
      { event: 'n', args: [{ id: '2' }] },
      { event: 'n', args: ['alice'] },
      { event: 'n', args: [yeastOf(Date.now() - 3 * 24 * 3600_000)] },
    ]);
    channel.close();
  });

  it("hands the server's ack request to the app, never mistaking it for data or an offset", async () => {
    const io = fakeIO();
    const channel = createSocketIO<unknown>('http://x.test', { hub: createHub(), io: io.module });
    const seen: Array<{ args: unknown[]; ack?: (...args: unknown[]) => void }> = [];
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    socket.serverConnects('pid');
    const answered: unknown[][] = [];
    socket.serverEmits('question', 'ready?', yeastOf(Date.now()), (...answer: unknown[]) =>
      answered.push(answer),
    );
    expect(seen[0]?.args).toEqual(['ready?', yeastOf(Date.now())]);
    seen[0]?.ack?.('yes', 1);
    expect(answered).toEqual([['yes', 1]]);
    channel.close();
  });

  it('queues emits until connected, writes them in order on connect, and acks resolve with every argument', async () => {
    const io = fakeIO();
    const channel = createSocketIO('http://x.test', {
      hub: createHub(),
      io: io.module,
      ackTimeout: 500,
    });
    const errors: string[] = [];
    channel.setOptions({ onError: (e) => errors.push(e.kind) });
    const early = channel.emit('early', 1);
    expect(early.status).toBe('refused');
    await expect(early).rejects.toMatchObject({
      kind: 'unsent',
      messages: [{ event: 'early', args: [1] }],
    });
    expect(errors).toEqual([]);
    channel.connect();
    const queued = channel.emit('early', 2);
    const answer = channel.emitWithAck('ask', 'q');
    expect([queued.status, answer.status]).toEqual(['queued', 'queued']);
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    expect(socket.emitted).toEqual([]);
    socket.serverConnects();
    expect(socket.emitted.map(([event, arg]) => [event, arg])).toEqual([
      ['early', 2],
      ['ask', 'q'],
    ]);
    await expect(queued).resolves.toBeUndefined();
    const ack = socket.emitted[1]?.at(-1) as (...args: unknown[]) => void;
    ack('saved', 7);
    await expect(answer).resolves.toEqual(['saved', 7]);
    const sent = channel.emitWithAck('ask', 'again');
    expect(sent.status).toBe('sent');
    const outcome = sent.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(500);
    expect(await outcome).toMatchObject({ kind: 'timeout' });
    channel.close();
  });

  it('reports queued emits unsent when the channel closes for good', async () => {
    const io = fakeIO();
    const errors: TidingsError[] = [];
    const channel = createSocketIO('http://x.test', {
      hub: createHub(),
      io: io.module,
      onError: (e) => errors.push(e),
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0] as FakeSocket;
    const one = channel.emit('chat', 'hello');
    const two = channel.emitWithAck('chat', { text: 'hi' });
    socket.active = false;
    socket.emit('connect_error', new Error('not authorized'));
    expect(channel.getState().status).toBe('closed');
    const unsent = errors.find((e) => e.kind === 'unsent');
    expect(unsent?.messages).toEqual([
      { event: 'chat', args: ['hello'] },
      { event: 'chat', args: [{ text: 'hi' }] },
    ]);
    expect(unsent?.cause).toMatchObject({ kind: 'auth' });
    await expect(one).rejects.toBe(unsent);
    await expect(two).rejects.toBe(unsent);
    expect(socket.emitted).toEqual([]);
  });
});

/** socket.io's offset format (`yeast`): the time in ms in base 64. */
function yeastOf(ms: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  let encoded = '';
  let rest = ms;
  do {
    encoded = alphabet[rest % 64] + encoded;
    rest = Math.floor(rest / 64);
  } while (rest > 0);
  return encoded;
}
