import {
  createHub,
  createWebSocket,
  type HeartbeatOptions,
  type TidingsError,
} from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocket } from './fakeWebSocket';

const URL_ = 'ws://x.test/ws';

describe('createWebSocket heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(heartbeat: HeartbeatOptions | boolean | undefined) {
    const fake = fakeWebSocket();
    const errors: TidingsError[] = [];
    const seen: unknown[] = [];
    const channel = createWebSocket(URL_, {
      hub: createHub(),
      heartbeat,
      reconnect: { minDelay: 100, maxDelay: 100 },
      onError: (error) => errors.push(error),
      onMessage: (message) => seen.push(message),
      env: { WebSocket: fake.WebSocket, random: () => 0.5 },
    });
    return { fake, channel, errors, seen };
  }

  it('is off by default', async () => {
    const { fake, channel } = setup(undefined);
    channel.connect();
    fake.last.open();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fake.last.sent).toEqual([]);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('true: pings every 25 s, swallows the pong, stays open', async () => {
    const { fake, channel, seen } = setup(true);
    channel.connect();
    fake.last.open();
    await vi.advanceTimersByTimeAsync(24_999);
    expect(fake.last.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.last.sent).toEqual(['{"type":"ping"}']);
    fake.last.receive('{ "type": "pong" }');
    await vi.advanceTimersByTimeAsync(25_000);
    fake.last.receive('{"type":"pong"}');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fake.last.sent).toHaveLength(2);
    expect(seen).toEqual([]);
    expect(fake.sockets).toHaveLength(1);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('a missed pong fails the attempt with a timeout error and reconnects', async () => {
    const { fake, channel, errors } = setup({ interval: 1000, timeout: 500 });
    channel.connect();
    const first = fake.last;
    first.open();
    await vi.advanceTimersByTimeAsync(1499);
    expect(channel.getState().status).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(errors.map((e) => e.kind)).toEqual(['timeout']);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(first.closedByClient).toBeDefined();
    await vi.advanceTimersByTimeAsync(50);
    expect(fake.sockets).toHaveLength(2);
    // The old socket's timers are gone: no more pings into it.
    await vi.advanceTimersByTimeAsync(5000);
    expect(first.sent).toHaveLength(1);
    channel.close();
  });

  it('any incoming frame proves liveness', async () => {
    const { fake, channel, seen } = setup({ interval: 1000, timeout: 500 });
    channel.connect();
    fake.last.open();
    for (let n = 1; n <= 5; n++) {
      await vi.advanceTimersByTimeAsync(1000);
      fake.last.receive(JSON.stringify({ id: String(n) }));
    }
    expect(fake.last.sent).toHaveLength(5);
    expect(seen).toHaveLength(5);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('declares the socket dead interval + timeout after the last frame of any kind', async () => {
    const { fake, channel, errors } = setup({ interval: 1000, timeout: 500 });
    channel.connect();
    fake.last.open();
    await vi.advanceTimersByTimeAsync(1200);
    fake.last.receive(JSON.stringify({ id: '1' })); // not a pong, still a sign of life
    await vi.advanceTimersByTimeAsync(1499);
    expect(errors).toEqual([]);
    expect(fake.last.sent).toHaveLength(2); // pings at 1000 and 2000 went unanswered
    await vi.advanceTimersByTimeAsync(1);
    expect(errors.map((e) => e.kind)).toEqual(['timeout']);
    expect(errors[0]?.message).toContain('ws://x.test/ws');
    expect(channel.getState().status).toBe('reconnecting');
    channel.close();
  });

  it('also bounds a handshake that never completes (a path black-holed while connecting)', async () => {
    const { fake, channel, errors } = setup({ interval: 1000, timeout: 500 });
    channel.connect();
    const first = fake.last;
    await vi.advanceTimersByTimeAsync(1499);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors.map((e) => e.kind)).toEqual(['timeout']);
    expect(first.closedByClient).toBeDefined();
    expect(first.sent).toEqual([]);
    channel.close();
  });

  it('sends a custom ping and recognises a custom pong', async () => {
    const { fake, channel, seen } = setup({
      interval: 1000,
      timeout: 500,
      message: { op: 'hb' },
      pong: (raw) => raw === 'ok',
    });
    channel.connect();
    fake.last.open();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.last.sent).toEqual(['{"op":"hb"}']);
    fake.last.receive('ok');
    await vi.advanceTimersByTimeAsync(400);
    expect(seen).toEqual([]);
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    channel.close();
  });

  it('rejects a bad interval as a config error naming it', () => {
    const { fake, channel, errors } = setup({ interval: -1 });
    channel.connect();
    expect(fake.sockets).toHaveLength(0);
    expect(errors[0]).toMatchObject({ kind: 'config' });
    expect(errors[0]?.message).toContain('heartbeat.interval');
    expect(channel.getState().status).toBe('closed');
  });
});
