import { createHub, createSSE } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, streamResponse } from './sseFakes';

const URL_ = 'http://x.test/api/sse';

describe('createSSE over fetch: reconnect, resume and refusals', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls the headers function on every reconnect and sends Last-Event-ID', async () => {
    let token = 0;
    const headers = vi.fn(() => ({ Authorization: `Bearer ${++token}` }));
    const { fetch, calls } = fakeFetch((index) =>
      streamResponse(
        index === 0 ? ['id: 5\ndata: {"n":1}\n\n'] : [`id: ${6 + index}\ndata: {"n":2}\n\n`],
        {
          hold: index > 0,
        },
      ),
    );
    const channel = createSSE<{ n: number }>(URL_, {
      transport: 'fetch',
      headers,
      hub: createHub(),
      notify: 'sync',
      env: { fetch, random: () => 0 },
    });
    const seen: number[] = [];
    channel.onMessage((m) => seen.push(m.n));
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers).toMatchObject({
      Authorization: 'Bearer 1',
      Accept: 'text/event-stream',
    });
    expect(calls[0]?.headers['Last-Event-ID']).toBeUndefined();
    expect(calls[1]?.headers).toMatchObject({ Authorization: 'Bearer 2', 'Last-Event-ID': '5' });
    expect(headers).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([1, 2]);
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: '7', error: null });
    channel.close();
  });

  it.each([
    [401, {}, 'auth'],
    [404, {}, 'http'],
    [204, {}, 'http'],
    [200, { 'Content-Type': 'application/json' }, 'protocol'],
  ] as const)('does not retry status %i %o', async (status, headers, kind) => {
    const { fetch, calls } = fakeFetch(() => streamResponse(['{}'], { status, headers }));
    const channel = createSSE(URL_, { transport: 'fetch', hub: createHub(), env: { fetch } });
    channel.connect();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(1);
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({ kind, status, retryable: false });
  });

  it('honours Retry-After on 503', async () => {
    const { fetch, calls } = fakeFetch((index) =>
      index === 0
        ? streamResponse([], { status: 503, headers: { 'Retry-After': '7' } })
        : streamResponse([': hi\n'], { hold: true }),
    );
    const channel = createSSE(URL_, {
      transport: 'fetch',
      hub: createHub(),
      env: { fetch, random: () => 0 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(channel.getState().error).toMatchObject({ status: 503, retryAfterMs: 7000 });
    await vi.advanceTimersByTimeAsync(6999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it.each([
    ['retry: 5000\n', 2500],
    ['retry: 5s\n', 500],
    ['retry: -1\n', 500],
    ['retry: \uFF15\uFF10\n', 500], // full-width digits are not ASCII digits
    ['retry: 5000\r', 2500], // a lone CR ends the field at once
    ['retry:\n', 500],
    ['', 500],
  ])('the server\'s "%s" sets the base delay (next wait %i ms)', async (retry, wait) => {
    const { fetch, calls } = fakeFetch((index) =>
      streamResponse(index === 0 ? [`${retry}data: 1\n\n`] : [], { hold: index > 0 }),
    );
    const channel = createSSE(URL_, {
      transport: 'fetch',
      hub: createHub(),
      env: { fetch, random: () => 0.5 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    // The stream ended: EventSource semantics reconnect it, after the backoff.
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', received: 1 });
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    channel.close();
  });

  it('sends a body as JSON with the method, and reconnects a non-manual POST like GET', async () => {
    const { fetch, calls } = fakeFetch(() => streamResponse(['data: 1\n\n']));
    const channel = createSSE(URL_, {
      method: 'POST',
      body: { topic: 'a' },
      hub: createHub(),
      env: { fetch, random: () => 0 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[1]?.init).toMatchObject({ method: 'POST', body: '{"topic":"a"}' });
    expect(calls[1]?.headers['Content-Type']).toBe('application/json');
    channel.close();
  });

  it('rejects options that cannot work as a config error naming them', () => {
    const post = createSSE(URL_, { transport: 'native', method: 'POST', hub: createHub() });
    post.connect();
    expect(post.getState().error).toMatchObject({ kind: 'config' });
    expect(post.getState().error?.message).toMatch(/method POST/);
    const headers = createSSE(URL_, { transport: 'native', headers: {}, hub: createHub() });
    headers.connect();
    expect(headers.getState().error?.message).toMatch(/headers/);
    const bad = createSSE('', { hub: createHub() });
    bad.connect();
    expect(bad.getState()).toMatchObject({ status: 'closed', error: { kind: 'config' } });
  });
});
