import { createHub, createWebSocket, type TidingsError } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocket } from './fakeWebSocket';

function setup(url: () => string | URL | Promise<string | URL>) {
  const fake = fakeWebSocket();
  const errors: TidingsError[] = [];
  const channel = createWebSocket(url, {
    hub: createHub(),
    notify: 'sync',
    reconnect: { minDelay: 100, maxDelay: 100 },
    onError: (error) => errors.push(error),
    env: { WebSocket: fake.WebSocket, random: () => 0.5 },
  });
  return { fake, channel, errors };
}

describe('createWebSocket with a url getter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls it on every attempt, waits for it, and opens the URL it resolved', async () => {
    let n = 0;
    let release!: () => void;
    const { fake, channel } = setup(async () => {
      n++;
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      return `ws://x.test/ws?token=t${n}`;
    });
    channel.connect();
    // A send while the getter is pending waits in the queue like any send before open.
    const receipt = channel.send({ hello: 1 });
    expect(receipt.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sockets).toHaveLength(0);
    expect(channel.raw()).toBeUndefined();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.last.url).toBe('ws://x.test/ws?token=t1');
    fake.last.open();
    expect(fake.last.sent).toEqual(['{"hello":1}']);
    expect(channel.raw()).toBe(fake.last);

    fake.last.serverClose(1006);
    await vi.advanceTimersByTimeAsync(100);
    expect(n).toBe(2);
    expect(fake.last.url).toBe('ws://x.test/ws?token=t2');
  });

  it('a getter that rejects fails the attempt with a retryable auth error; the retry calls it again', async () => {
    let n = 0;
    const { fake, channel, errors } = setup(async () => {
      n++;
      if (n === 1) throw new Error('token endpoint down');
      return 'ws://x.test/ws';
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => [e.kind, e.retryable, e.message])).toEqual([
      ['auth', true, 'The url getter failed: token endpoint down'],
    ]);
    expect(channel.getState().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(100);
    expect(n).toBe(2);
    fake.last.open();
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
  });

  it('a URL the getter returns that is not a WebSocket URL is a config error naming it', async () => {
    const { fake, channel, errors } = setup(() => 'ftp://x.test/ws');
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sockets).toHaveLength(0);
    expect(errors[0]).toMatchObject({ kind: 'config' });
    expect(errors[0]?.message).toContain('ftp://x.test/ws');
    expect(channel.getState().status).toBe('closed');
  });

  it('close() while the getter is pending opens nothing', async () => {
    let release!: () => void;
    const { fake, channel } = setup(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return 'ws://x.test/ws';
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    channel.close();
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.sockets).toHaveLength(0);
  });
});
