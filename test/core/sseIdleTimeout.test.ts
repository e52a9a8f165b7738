import { createHub, createSSE, type TidingsError } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, liveResponse } from './sseFakes';

type Live = ReturnType<typeof liveResponse>;

/** A fetch whose every request gets a fresh live response the test writes to. */
function liveServer() {
  const responses: Live[] = [];
  const { fetch, calls } = fakeFetch(() => {
    const live = liveResponse();
    responses.push(live);
    return live.response;
  });
  return {
    fetch,
    calls,
    get last(): Live {
      const live = responses.at(-1);
      if (!live) throw new Error('no request yet');
      return live;
    },
  };
}

describe('SSE idleTimeout over fetch (the shared watchdog)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function subscribe(server: ReturnType<typeof liveServer>, idleTimeout?: number | false) {
    const errors: TidingsError[] = [];
    const seen: unknown[] = [];
    const channel = createSSE('http://x.test/sse', {
      transport: 'fetch',
      idleTimeout,
      parse: 'text',
      reconnect: { minDelay: 100, maxDelay: 100 },
      hub: createHub(),
      notify: 'sync',
      onError: (error) => errors.push(error),
      onMessage: (message) => seen.push(message),
      env: { fetch: server.fetch, random: () => 0.5 },
    });
    channel.connect();
    return { channel, errors, seen };
  }

  it('by default, 45 s of silence fails the attempt (timeout) and resumes from the cursor', async () => {
    const server = liveServer();
    const { channel, errors, seen } = subscribe(server);
    await vi.advanceTimersByTimeAsync(0);
    server.last.write('id: 7\ndata: a\n\n');
    await vi.advanceTimersByTimeAsync(44_999);
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    await vi.advanceTimersByTimeAsync(1);
    expect(errors.map((e) => e.kind)).toEqual(['timeout']);
    expect(errors[0]?.message).toBe(
      'The event stream http://x.test/sse showed no sign of life for 45000 ms',
    );
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(server.calls[0]?.init.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]?.headers['Last-Event-ID']).toBe('7');
    server.last.write('id: 8\ndata: b\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['a', 'b']);
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    channel.close();
  });

  it('comments count as life: a quiet stream with `: ping` every 40 s stays open', async () => {
    const server = liveServer();
    const { channel, errors } = subscribe(server);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(40_000);
      server.last.write(': ping\n\n');
    }
    expect(errors).toEqual([]);
    expect(server.calls).toHaveLength(1);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('a request that never gets its response times out too', async () => {
    const { fetch, calls } = fakeFetch(() => new Promise<Response>(() => undefined) as never);
    const errors: TidingsError[] = [];
    const channel = createSSE('http://x.test/sse', {
      transport: 'fetch',
      idleTimeout: 2000,
      reconnect: false,
      hub: createHub(),
      onError: (error) => errors.push(error),
      env: { fetch },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(2000);
    expect(errors.map((e) => e.kind)).toEqual(['timeout']);
    expect(calls[0]?.init.signal?.aborted).toBe(true);
    expect(channel.getState().status).toBe('closed');
  });

  it('idleTimeout: false never gives up on a silent stream', async () => {
    const server = liveServer();
    const { channel, errors } = subscribe(server, false);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(errors).toEqual([]);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('a hung request-scoped answer ends with a timeout error, by default after 45 s', async () => {
    const server = liveServer();
    const errors: TidingsError[] = [];
    const answer = createSSE<{ token: string }, string>('http://x.test/chat', {
      method: 'POST',
      manual: true,
      events: ['token'],
      reduce: (text = '', m) => text + m.token,
      hub: createHub(),
      onError: (error) => errors.push(error),
      env: { fetch: server.fetch },
    });
    answer.start({ prompt: 'hi' });
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(30_000); // a slow model, still producing
      server.last.write(`event: token\ndata: {"token":"${i}"}\n\n`);
    }
    await vi.advanceTimersByTimeAsync(44_999);
    expect(answer.getState()).toMatchObject({ status: 'open', data: '012' });
    await vi.advanceTimersByTimeAsync(1);
    expect(answer.getState()).toMatchObject({ status: 'closed', data: '012' });
    expect(answer.getState().error).toMatchObject({ kind: 'timeout' });
    expect(errors).toHaveLength(1);
    expect(server.calls).toHaveLength(1); // never re-sent by itself
  });

  it('a request-scoped stream takes its own idleTimeout', async () => {
    const server = liveServer();
    const answer = createSSE('http://x.test/chat', {
      method: 'POST',
      manual: true,
      idleTimeout: 5000,
      hub: createHub(),
      env: { fetch: server.fetch },
    });
    answer.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(answer.getState()).toMatchObject({ status: 'closed', error: { kind: 'timeout' } });
  });

  it('an answer that ends in time leaves no timer behind', async () => {
    const server = liveServer();
    const answer = createSSE('http://x.test/chat', {
      method: 'POST',
      manual: true,
      hub: createHub(),
      env: { fetch: server.fetch },
    });
    answer.start();
    await vi.advanceTimersByTimeAsync(0);
    server.last.write('data: "done"\n\n');
    server.last.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(answer.getState()).toMatchObject({ status: 'closed', error: null, data: 'done' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([[-1], [0], [Number.NaN], ['45s']])('rejects idleTimeout %j, naming it', (value) => {
    const channel = createSSE('http://x.test/sse', {
      transport: 'fetch',
      idleTimeout: value as number,
      hub: createHub(),
      env: { fetch: liveServer().fetch },
    });
    channel.connect();
    expect(channel.getState()).toMatchObject({ status: 'closed', error: { kind: 'config' } });
    expect(channel.getState().error?.message).toContain('idleTimeout');
  });
});
