import { createHub, createPolling } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePage } from './fakeEnv';

function jsonResponse(body: unknown, init: ResponseInit = {}) {
  return new Response(JSON.stringify(body), { status: 200, ...init });
}

describe('createPolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls on the interval, one request in flight, and delivers each response', async () => {
    const page = fakePage();
    let n = 0;
    const fetch = vi.fn(async () => jsonResponse({ unread: ++n }));
    const channel = createPolling<{ unread: number }>('http://x.test/api', {
      interval: 1000,
      hub: createHub(),
      notify: 'sync',
      env: { ...page.env, fetch },
    });
    const seen: number[] = [];
    channel.onMessage((m) => seen.push(m.unread));
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.getState()).toMatchObject({ status: 'open', data: { unread: 1 }, received: 1 });
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual([1, 2]);
    channel.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(channel.getState().status).toBe('closed');
  });

  it('aborts a request unanswered for `timeout` ms and retries (kind timeout); the wait is not silence', async () => {
    const page = fakePage();
    const signals: AbortSignal[] = [];
    let hang = false;
    const fetch = vi.fn(async (_url: string, init: RequestInit = {}) => {
      if (init.signal) signals.push(init.signal);
      if (hang) return new Promise<Response>(() => undefined);
      return jsonResponse({ unread: 1 });
    });
    const channel = createPolling('http://x.test/api', {
      interval: 60_000, // far longer than the timeout: only requests are watched
      timeout: 2000,
      reconnect: { minDelay: 100, maxDelay: 100 },
      hub: createHub(),
      env: { ...page.env, fetch: fetch as unknown as typeof globalThis.fetch, random: () => 0.5 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    hang = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(signals[1]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signals[1]?.aborted).toBe(true);
    expect(channel.getState()).toMatchObject({
      status: 'reconnecting',
      error: { kind: 'timeout' },
    });
    hang = false;
    await vi.advanceTimersByTimeAsync(50);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    channel.close();
  });

  it('stops on 401 without retrying and reports an auth error', async () => {
    const page = fakePage();
    const fetch = vi.fn(async () => new Response('no', { status: 401 }));
    const channel = createPolling('http://x.test/api', {
      hub: createHub(),
      env: { ...page.env, fetch },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
  });

  it('pauses while hidden and polls at once when visible', async () => {
    const page = fakePage();
    const fetch = vi.fn(async () => jsonResponse({ ok: true }));
    const channel = createPolling('http://x.test/api', {
      interval: 1000,
      hub: createHub(),
      env: { ...page.env, fetch },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    page.setHidden(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    page.setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(2);
    channel.close();
  });
});
