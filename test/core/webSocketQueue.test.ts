import { createHub, createWebSocket, type TidingsError } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocket } from './fakeWebSocket';

const URL_ = 'ws://x.test/ws';

describe('createWebSocket send queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(queue?: number | boolean) {
    const fake = fakeWebSocket();
    const errors: TidingsError[] = [];
    const hub = createHub();
    const channel = createWebSocket(URL_, {
      hub,
      queue,
      reconnect: { minDelay: 100, maxDelay: 100 },
      onError: (error) => errors.push(error),
      env: { WebSocket: fake.WebSocket, random: () => 0.5 },
    });
    return { fake, channel, errors, hub };
  }

  it('queues sends while connecting and flushes them in order on open, before new sends', async () => {
    const { fake, channel } = setup();
    channel.connect();
    const a = channel.send('a');
    expect(a.status).toBe('queued');
    expect(channel.send({ b: 1 }).status).toBe('queued');
    expect(fake.last.sent).toEqual([]);
    channel.onMessage(() => {});
    fake.last.open();
    expect(channel.send('c').status).toBe('sent');
    expect(fake.last.sent).toEqual(['a', '{"b":1}', 'c']);
    // WebSocket has no ack: a write is delivered once the server shows it kept the connection.
    fake.last.receive('{"type":"hello"}');
    await expect(a).resolves.toBeUndefined();
    channel.close();
  });

  it('queues while reconnecting and flushes into the next socket', async () => {
    const { fake, channel } = setup();
    channel.connect();
    fake.last.open();
    channel.send('1');
    fake.last.serverClose(1006);
    expect(channel.send('2').status).toBe('queued');
    expect(channel.send('3').status).toBe('queued');
    await vi.advanceTimersByTimeAsync(50);
    fake.last.open();
    expect(fake.sockets.map((s) => s.sent)).toEqual([['1'], ['2', '3']]);
    channel.close();
  });

  it('keeps at most `queue` messages: the oldest is dropped and reported unsent', async () => {
    const { fake, channel, errors } = setup(3);
    channel.connect();
    const first = channel.send('1');
    for (const n of [2, 3]) expect(channel.send(String(n)).status).toBe('queued');
    expect(errors).toEqual([]);
    expect(channel.send('4').status).toBe('queued');
    expect(channel.send('5').status).toBe('queued');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ kind: 'unsent', retryable: false, messages: ['1'] });
    expect(errors[1]).toMatchObject({ kind: 'unsent', messages: ['2'] });
    expect(errors[0]?.message).toContain('the send queue is full (3');
    await expect(first).rejects.toBe(errors[0]);
    fake.last.open();
    expect(fake.last.sent).toEqual(['3', '4', '5']);
    channel.close();
  });

  it('bounds at 100 by default', () => {
    const { fake, channel, errors } = setup();
    channel.connect();
    for (let n = 0; n < 101; n++) channel.send(String(n));
    expect(errors).toHaveLength(1);
    fake.last.open();
    expect(fake.last.sent).toHaveLength(100);
    expect(fake.last.sent[0]).toBe('1');
    expect(fake.last.sent[99]).toBe('100');
    channel.close();
  });

  it('queue: false refuses sends while not open, with an unsent receipt and no reported error', async () => {
    const { fake, channel, errors } = setup(false);
    channel.connect();
    const early = channel.send('early');
    expect(early.status).toBe('refused');
    await expect(early).rejects.toMatchObject({ kind: 'unsent', messages: ['early'] });
    fake.last.open();
    expect(channel.send('now').status).toBe('sent');
    expect(fake.last.sent).toEqual(['now']);
    expect(errors).toEqual([]);
    channel.close();
  });

  it('refuses sends once closed for good by a non-retried close code', () => {
    const { fake, channel } = setup();
    channel.connect();
    fake.last.open();
    fake.last.serverClose(4401);
    expect(channel.getState().status).toBe('closed');
    expect(channel.send('x').status).toBe('refused');
  });

  it('reports every queued message unsent when the socket closes for good (4401), naming them', async () => {
    const { fake, channel, errors } = setup();
    channel.connect();
    fake.last.open();
    fake.last.serverClose(1006);
    const one = channel.send('one');
    const two = channel.send({ n: 2 });
    expect([one.status, two.status]).toEqual(['queued', 'queued']);
    await vi.advanceTimersByTimeAsync(100);
    fake.last.serverClose(4401);
    expect(channel.getState().status).toBe('closed');
    const unsent = errors.filter((e) => e.kind === 'unsent');
    expect(unsent).toHaveLength(1);
    expect(unsent[0]?.messages).toEqual(['one', { n: 2 }]);
    expect(unsent[0]?.cause).toMatchObject({ kind: 'auth', status: 4401 });
    expect(channel.getState().error).toBe(unsent[0]);
    await expect(one).rejects.toBe(unsent[0]);
    await expect(two).rejects.toBe(unsent[0]);
    // Nothing is kept for a later connect(): the new socket gets only what is sent then.
    channel.connect();
    fake.last.open();
    expect(fake.last.sent).toEqual([]);
    channel.close();
  });

  it('writes the server refuses with the connection (4401 before its first frame) are reported unsent', async () => {
    const { fake, channel, errors } = setup();
    channel.connect();
    const queued = channel.send('queued');
    fake.last.open();
    const direct = channel.send('direct');
    expect(fake.last.sent).toEqual(['queued', 'direct']);
    fake.last.serverClose(4401);
    const unsent = errors.find((e) => e.kind === 'unsent');
    expect(unsent?.messages).toEqual(['queued', 'direct']);
    await expect(queued).rejects.toBe(unsent);
    await expect(direct).rejects.toBe(unsent);
  });

  it('writes before a retried close count as sent (no resend, no duplicate)', async () => {
    const { fake, channel, errors } = setup();
    channel.connect();
    const queued = channel.send('queued');
    fake.last.open();
    fake.last.serverClose(1006);
    await expect(queued).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(100);
    fake.last.open();
    expect(fake.last.sent).toEqual([]);
    expect(errors.map((e) => e.kind)).toEqual(['network']);
    channel.close();
  });

  it('reports what a channel queued when it closes before the socket opened', async () => {
    const { channel, errors } = setup();
    channel.connect();
    const pending = channel.send('draft');
    channel.close();
    await expect(pending).rejects.toMatchObject({ kind: 'unsent', messages: ['draft'] });
    expect(errors.map((e) => e.kind)).toEqual(['unsent']);
    expect(errors[0]?.message).toContain('closed before');
  });

  it('on a shared socket keeps one order across channels, a bound per channel, and forgets a closed channel', () => {
    const fake = fakeWebSocket();
    const hub = createHub();
    const errorsA: TidingsError[] = [];
    const env = { WebSocket: fake.WebSocket };
    const a = createWebSocket(URL_, { hub, env, queue: 2, onError: (e) => errorsA.push(e) });
    const b = createWebSocket(URL_, { hub, env, queue: 10 });
    const c = createWebSocket(URL_, { hub, env });
    a.connect();
    b.connect();
    c.connect();
    expect(fake.sockets).toHaveLength(1);
    a.send('a1');
    b.send('b1');
    a.send('a2');
    c.send('c1');
    a.send('a3'); // a's bound is 2: a1 goes, b's messages stay
    b.send('b2');
    c.close(); // c's queued message goes with it
    expect(errorsA).toHaveLength(1);
    fake.last.open();
    expect(fake.last.sent).toEqual(['b1', 'a2', 'a3', 'b2']);
    a.close();
    b.close();
  });

  it('keeps a message whose send threw first in line and fails the attempt', async () => {
    const { fake, channel } = setup();
    channel.connect();
    channel.send('1');
    channel.send('2');
    const first = fake.last;
    let calls = 0;
    first.send = () => {
      calls++;
      throw new Error('boom');
    };
    first.open();
    expect(calls).toBe(1);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting' });
    expect(channel.getState().error?.message).toContain('boom');
    await vi.advanceTimersByTimeAsync(50);
    fake.last.open();
    expect(fake.last.sent).toEqual(['1', '2']);
    channel.close();
  });
});
