import { createHub, createLongPoll, type LongPollAnswer, type TidingsError } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePage } from './fakeEnv';
import { heldFetch, message } from './longPollFetch';

type Message = ReturnType<typeof message>;

/** A source function the test answers by hand; it records what it was asked with. */
function manualSource() {
  const calls: Array<{
    cursor: string | undefined;
    signal: AbortSignal;
    resolve(answer: unknown): void;
  }> = [];
  const source = vi.fn(
    ({ cursor, signal }: { cursor: string | undefined; signal: AbortSignal }) =>
      new Promise<LongPollAnswer<Message>>((resolve) => {
        calls.push({
          cursor,
          signal,
          resolve: (answer) => resolve(answer as LongPollAnswer<Message>),
        });
      }),
  );
  return {
    source,
    calls,
    answer(value: unknown) {
      const call = calls.at(-1);
      if (!call) throw new Error('source not called');
      call.resolve(value);
    },
  };
}

describe('createLongPoll: custom source and malformed answers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const page = fakePage();
    const feed = manualSource();
    const errors: TidingsError[] = [];
    const channel = createLongPoll<Message>(feed.source, {
      hub: createHub(),
      notify: 'sync',
      reconnect: { minDelay: 1000, maxDelay: 8000 },
      onError: (error) => errors.push(error),
      env: { ...page.env, random: () => 0.999 },
    });
    const ids: string[] = [];
    channel.onMessage((m) => ids.push(m.id));
    channel.connect();
    return { feed, channel, ids, errors };
  }

  it('calls the source with the cursor and an abort signal, re-calling it after each answer', async () => {
    const { feed, channel, ids } = setup();
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.calls[0]?.cursor).toBeUndefined();
    feed.answer({ messages: [message(4)], cursor: '4' });
    await vi.advanceTimersByTimeAsync(0);
    expect(ids).toEqual(['4']);
    expect(feed.calls[1]?.cursor).toBe('4');
    channel.close();
    // The hub stops a released wire after a microtask (StrictMode-safe), then aborts.
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.calls[1]?.signal.aborted).toBe(true);
  });

  it.each([
    ['not an object', 'oops'],
    ['null', null],
    ['no messages array', { messages: 'x', cursor: '1' }],
    ['no string cursor', { messages: [], cursor: 1 }],
  ])(
    'reports a parse error for an answer with %s, skips it and polls on after a backoff',
    async (_, answer) => {
      const { feed, channel, ids, errors } = setup();
      await vi.advanceTimersByTimeAsync(0);
      feed.answer({ messages: [message(1)], cursor: '1' });
      await vi.advanceTimersByTimeAsync(0);
      feed.answer(answer);
      await vi.advanceTimersByTimeAsync(0);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ kind: 'parse' });
      expect(errors[0]?.message).toMatch(/Malformed long-poll answer/);
      // Not a connection failure: still open, no attempt burnt, cursor kept.
      expect(channel.getState()).toMatchObject({ status: 'open', attempt: 0, cursor: '1' });
      expect(channel.getState().error).toMatchObject({ kind: 'parse' });
      // Not re-asked at once (a broken server must not make us spin): full jitter of minDelay.
      expect(feed.calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(998);
      expect(feed.calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(feed.calls).toHaveLength(3);
      expect(feed.calls[2]?.cursor).toBe('1');
      // The next good answer delivers and clears the error.
      feed.answer({ messages: [message(2)], cursor: '2' });
      await vi.advanceTimersByTimeAsync(0);
      expect(ids).toEqual(['1', '2']);
      expect(channel.getState().error).toBeNull();
      channel.close();
    },
  );

  it('grows the wait while answers stay malformed, and resets it after a good one', async () => {
    const { feed, channel } = setup();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(0);
      const before = feed.calls.length;
      feed.answer('garbage');
      let waited = 0;
      while (feed.calls.length === before) {
        await vi.advanceTimersByTimeAsync(1);
        waited++;
      }
      waits.push(waited);
    }
    // random() = 0.999 of 1000, 2000, 4000.
    expect(waits).toEqual([999, 1998, 3996]);
    feed.answer({ messages: [], cursor: '0' });
    await vi.advanceTimersByTimeAsync(0);
    const before = feed.calls.length;
    feed.answer('garbage');
    await vi.advanceTimersByTimeAsync(999);
    expect(feed.calls.length).toBe(before + 1);
    channel.close();
  });

  it('expects no answer during the wait after a malformed one: the deadline is per request', async () => {
    const page = fakePage();
    const feed = manualSource();
    const channel = createLongPoll<Message>(feed.source, {
      hub: createHub(),
      timeout: 1000,
      // The wait after garbage (up to 60 s here) is far longer than the 6 s request deadline.
      reconnect: { minDelay: 60_000, maxDelay: 60_000 },
      env: { ...page.env, random: () => 0.999 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    feed.answer('garbage');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(feed.calls).toHaveLength(1);
    expect(channel.getState().error?.kind).toBe('parse');
    await vi.advanceTimersByTimeAsync(1000);
    expect(feed.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(6000);
    expect(feed.calls[1]?.signal.aborted).toBe(true);
    expect(channel.getState()).toMatchObject({
      status: 'reconnecting',
      error: { kind: 'timeout' },
    });
    channel.close();
  });

  it('reports a body that is not JSON from a URL source, naming the URL', async () => {
    const page = fakePage();
    const server = heldFetch();
    const errors: TidingsError[] = [];
    const channel = createLongPoll<Message>('http://x.test/lp', {
      hub: createHub(),
      onError: (error) => errors.push(error),
      env: { ...page.env, fetch: server.fetch, random: () => 0 },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    server.last.respond(new Response('<html>proxy error</html>', { status: 200 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors[0]).toMatchObject({ kind: 'parse' });
    expect(errors[0]?.message).toMatch(/http:\/\/x\.test\/lp.*not JSON/);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(2);
    channel.close();
  });

  it('a message item that fails a custom parse is skipped; the rest of the answer arrives', async () => {
    const { feed, channel, ids, errors } = setup();
    channel.setOptions({
      parse: (raw) => {
        const item = raw as Message;
        if (item.id === '2') throw new Error('bad item');
        return item;
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    feed.answer({ messages: [message(1), message(2), message(3)], cursor: '3' });
    await vi.advanceTimersByTimeAsync(0);
    expect(ids).toEqual(['1', '3']);
    expect(errors[0]).toMatchObject({ kind: 'parse' });
    expect(feed.calls).toHaveLength(2);
    channel.close();
  });

  it('a source function that throws is a network failure, retried with backoff', async () => {
    const page = fakePage();
    let calls = 0;
    const channel = createLongPoll<Message>(
      async () => {
        calls++;
        throw new Error('boom');
      },
      {
        hub: createHub(),
        reconnect: { minDelay: 100, retries: 2 },
        env: { ...page.env, random: () => 0.5 },
      },
    );
    channel.connect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    expect(channel.getState()).toMatchObject({ status: 'closed', attempt: 3 });
    expect(channel.getState().error).toMatchObject({ kind: 'network', message: 'boom' });
  });
});
