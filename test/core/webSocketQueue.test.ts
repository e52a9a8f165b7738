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

  it('queues sends while connecting and flushes them in order on open, before new sends', () => {
    const { fake, channel } = setup();
    channel.connect();
    expect(channel.send('a')).toBe(true);
    expect(channel.send({ b: 1 })).toBe(true);
    expect(fake.last.sent).toEqual([]);
    channel.onMessage(() => {});
    fake.last.open();
    expect(channel.send('c')).toBe(true);
    expect(fake.last.sent).toEqual(['a', '{"b":1}', 'c']);
    channel.close();
  });

  it('queues while reconnecting and flushes into the next socket', async () => {
    const { fake, channel } = setup();
    channel.connect();
    fake.last.open();
    channel.send('1');
    fake.last.serverClose(1006);
    expect(channel.send('2')).toBe(true);
    expect(channel.send('3')).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    fake.last.open();
    expect(fake.sockets.map((s) => s.sent)).toEqual([['1'], ['2', '3']]);
    channel.close();
  });

  it('keeps at most `queue` messages: the oldest is dropped and reported', () => {
    const { fake, channel, errors } = setup(3);
    channel.connect();
    for (const n of [1, 2, 3]) expect(channel.send(String(n))).toBe(true);
    expect(errors).toEqual([]);
    expect(channel.send('4')).toBe(true);
    expect(channel.send('5')).toBe(true);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ kind: 'network', retryable: false });
    expect(errors[0]?.message).toContain('Send queue full (3');
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

  it('queue: false refuses sends while not open, without an error', () => {
    const { fake, channel, errors } = setup(false);
    channel.connect();
    expect(channel.send('early')).toBe(false);
    fake.last.open();
    expect(channel.send('now')).toBe(true);
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
    expect(channel.send('x')).toBe(false);
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
