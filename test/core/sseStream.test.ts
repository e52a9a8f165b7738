import { createHub, createSSEStream } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePage } from './fakeEnv';
import { fakeFetch, streamResponse } from './sseFakes';

const tokens = (...words: string[]) =>
  words.map((token) => `event: token\ndata: ${JSON.stringify({ token })}\n\n`);

function answerChannel(fetch: typeof globalThis.fetch, env = fakePage().env) {
  return createSSEStream<{ token: string }, string>('http://x.test/api/chat', {
    method: 'POST',
    events: ['token'],
    initial: '',
    reduce: (text = '', m) => text + m.token,
    hub: createHub(),
    notify: 'sync',
    env: { ...env, fetch, random: () => 0 },
  });
}

describe('createSSEStream (request-scoped streams)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends nothing until start(); accumulates through reduce; the end closes without error', async () => {
    const page = fakePage();
    const { fetch, calls } = fakeFetch(() =>
      streamResponse([...tokens('Hel', 'lo'), 'event: done\ndata: {"tokens":2}\n\n']),
    );
    const answer = answerChannel(fetch, page.env);
    const unsubscribe = answer.subscribe(() => undefined); // a page listener does not start it
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(0);
    expect(answer.getState().status).toBe('idle');

    answer.start({ prompt: 'hi' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: '{"prompt":"hi"}' });
    expect(answer.getState()).toMatchObject({ status: 'closed', error: null, data: 'Hello' });

    // Never replayed by itself: no retry, no re-send on online or a bfcache restore.
    page.goOffline();
    page.goOnline();
    page.restoreFromBfcache();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    unsubscribe();
  });

  it('start() again sends a new request and begins a fresh answer', async () => {
    const { fetch, calls } = fakeFetch((index) =>
      streamResponse(index === 0 ? tokens('one') : tokens('two', '!')),
    );
    const answer = answerChannel(fetch);
    answer.start({ prompt: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    expect(answer.getState().data).toBe('one');
    answer.start({ prompt: 'b' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.init.body)).toEqual(['{"prompt":"a"}', '{"prompt":"b"}']);
    expect(answer.getState()).toMatchObject({ status: 'closed', data: 'two!', received: 3 });
  });

  it('stop() mid-stream aborts the request and is not an error', async () => {
    const { fetch, calls } = fakeFetch(() => streamResponse(tokens('par'), { hold: true }));
    const onError = vi.fn();
    const onClose = vi.fn();
    const answer = answerChannel(fetch);
    answer.setOptions({ onError, onClose });
    answer.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(answer.getState()).toMatchObject({ status: 'open', data: 'par' });
    answer.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls[0]?.init.signal?.aborted).toBe(true);
    expect(answer.getState()).toMatchObject({ status: 'closed', error: null, data: 'par' });
    expect(onError).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
  });

  it('a broken stream closes with a network error and is not retried', async () => {
    let calls = 0;
    const fetch = vi.fn(async () => {
      calls++;
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) controller.error(new TypeError('terminated'));
          else controller.enqueue(new TextEncoder().encode(tokens('x')[0]));
          sent = true;
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    });
    const answer = answerChannel(fetch as unknown as typeof globalThis.fetch);
    answer.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
    expect(answer.getState()).toMatchObject({
      status: 'closed',
      data: 'x',
      error: { kind: 'network', retryable: true },
    });
  });

  it('a refused request (401) closes with its error; a new start clears it', async () => {
    const { fetch } = fakeFetch((index) =>
      index === 0 ? streamResponse([], { status: 401 }) : streamResponse(tokens('ok')),
    );
    const answer = answerChannel(fetch);
    answer.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(answer.getState()).toMatchObject({ status: 'closed', error: { status: 401 } });
    answer.start();
    expect(answer.getState()).toMatchObject({ status: 'connecting', error: null, data: '' });
    await vi.advanceTimersByTimeAsync(0);
    expect(answer.getState()).toMatchObject({ status: 'closed', error: null, data: 'ok' });
  });

  it('reconnect() re-sends the last request only after a start()', async () => {
    const { fetch, calls } = fakeFetch(() => streamResponse(tokens('a')));
    const answer = answerChannel(fetch);
    answer.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(0);
    answer.start({ prompt: 'p' });
    await vi.advanceTimersByTimeAsync(0);
    answer.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.init.body)).toEqual(['{"prompt":"p"}', '{"prompt":"p"}']);
  });
});
