import { createHub, createLongPoll, type LongPollOptions } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePage } from './fakeEnv';
import { heldFetch, json, message } from './longPollFetch';

type Message = ReturnType<typeof message>;

function setup(options: LongPollOptions<Message> = {}, url = 'http://x.test/api/long-poll?room=7') {
  const page = fakePage();
  const server = heldFetch();
  const channel = createLongPoll<Message>(url, {
    hub: createHub(),
    notify: 'sync',
    env: { ...page.env, fetch: server.fetch, random: () => 0.5 },
    ...options,
  });
  const ids: string[] = [];
  channel.onMessage((m) => ids.push(m.id));
  channel.connect();
  return { page, server, channel, ids };
}

describe('createLongPoll', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('re-requests at once after each answer, sending the cursor and timeout, keeping the query', async () => {
    const { server, channel, ids } = setup({ timeout: 20_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(1);
    expect(server.last.url.searchParams.get('room')).toBe('7');
    expect(server.last.url.searchParams.get('timeout')).toBe('20000');
    // No cursor yet: the server starts "from now".
    expect(server.last.url.searchParams.has('cursor')).toBe(false);

    server.answer([message(1), message(2)], '2');
    await vi.advanceTimersByTimeAsync(0);
    expect(ids).toEqual(['1', '2']);
    expect(server.requests).toHaveLength(2);
    expect(server.last.url.searchParams.get('cursor')).toBe('2');
    expect(server.last.url.searchParams.get('room')).toBe('7');
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: '2', received: 2 });

    // An empty answer (the hold expired) still moves on at once with the cursor it carries.
    server.answer([], '5');
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(3);
    expect(server.last.url.searchParams.get('cursor')).toBe('5');
    channel.close();
    // The hub stops a released wire after a microtask (StrictMode-safe), then aborts.
    await vi.advanceTimersByTimeAsync(0);
    expect(server.last.signal.aborted).toBe(true);
  });

  it('is open as soon as the server accepts a held request (headers flushed, body pending)', async () => {
    const page = fakePage();
    let abortSignal: AbortSignal | undefined;
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      abortSignal = init?.signal ?? undefined;
      const body = new ReadableStream<Uint8Array>({ start() {} }); // never answers
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    const channel = createLongPoll<Message>('http://x.test/api/long-poll', {
      hub: createHub(),
      notify: 'sync',
      env: { ...page.env, fetch: fetch as unknown as typeof globalThis.fetch },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.getState()).toMatchObject({ status: 'open', received: 0, attempt: 0 });
    expect(fetch).toHaveBeenCalledTimes(1);
    channel.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(abortSignal?.aborted).toBe(true);
  });

  it('keeps one request in flight: nothing more is sent while a request is held', async () => {
    const { server, channel } = setup();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.requests).toHaveLength(1);
    channel.close();
  });

  it('drops messages already delivered when an answer repeats them (with messageId)', async () => {
    const { server, channel, ids } = setup({ messageId: (m) => (m as Message).id });
    await vi.advanceTimersByTimeAsync(0);
    server.answer([message(1), message(2)], '2');
    await vi.advanceTimersByTimeAsync(0);
    server.answer([message(2), message(3)], '3');
    await vi.advanceTimersByTimeAsync(0);
    expect(ids).toEqual(['1', '2', '3']);
    expect(channel.getState().received).toBe(3);
    channel.close();
  });

  it('sends headers from a function on every request', async () => {
    let token = 0;
    const { server, channel } = setup({ headers: () => ({ Authorization: `Bearer ${++token}` }) });
    await vi.advanceTimersByTimeAsync(0);
    server.answer([], '0');
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests.map((r) => r.headers.Authorization)).toEqual(['Bearer 1', 'Bearer 2']);
    channel.close();
  });

  it('stops on 401 without another request and reports an auth error', async () => {
    const { server, channel } = setup();
    await vi.advanceTimersByTimeAsync(0);
    server.last.respond(new Response('no', { status: 401 }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(1);
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
  });

  it('waits for Retry-After on 503, then resumes from the cursor', async () => {
    const { server, channel, ids } = setup();
    await vi.advanceTimersByTimeAsync(0);
    server.answer([message(1)], '1');
    await vi.advanceTimersByTimeAsync(0);
    server.last.respond(new Response('busy', { status: 503, headers: { 'Retry-After': '7' } }));
    await vi.advanceTimersByTimeAsync(6999);
    expect(server.requests).toHaveLength(2);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(channel.getState().error).toMatchObject({ kind: 'http', status: 503 });
    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(3);
    expect(server.last.url.searchParams.get('cursor')).toBe('1');
    server.answer([message(2)], '2');
    await vi.advanceTimersByTimeAsync(0);
    expect(ids).toEqual(['1', '2']);
    expect(channel.getState()).toMatchObject({ status: 'open', attempt: 0, error: null });
    channel.close();
  });

  it('backs off with full jitter after a network error', async () => {
    const { server, channel } = setup({ reconnect: { minDelay: 1000 } });
    await vi.advanceTimersByTimeAsync(0);
    server.last.fail(new TypeError('fetch failed'));
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.getState().error).toMatchObject({ kind: 'network' });
    // random() = 0.5 of a 1000 ms ceiling.
    await vi.advanceTimersByTimeAsync(499);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(2);
    channel.close();
  });

  it('gives up on a request held past timeout + 5 s and retries (kind timeout)', async () => {
    const { server, channel } = setup({ timeout: 10_000, reconnect: { minDelay: 100 } });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(server.last.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests[0]?.signal.aborted).toBe(true);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(channel.getState().error).toMatchObject({ kind: 'timeout', retryable: true });
    await vi.advanceTimersByTimeAsync(50);
    expect(server.requests).toHaveLength(2);
    channel.close();
  });

  it('gives every request its own deadline: a late answer does not shorten the next one', async () => {
    const { server, channel, ids } = setup({ timeout: 10_000 });
    await vi.advanceTimersByTimeAsync(14_000);
    server.answer([message(1)], '1');
    await vi.advanceTimersByTimeAsync(14_999);
    expect(server.requests).toHaveLength(2);
    expect(server.last.signal.aborted).toBe(false);
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    await vi.advanceTimersByTimeAsync(1);
    expect(server.last.signal.aborted).toBe(true);
    expect(channel.getState().error).toMatchObject({ kind: 'timeout' });
    expect(ids).toEqual(['1']);
    channel.close();
  });

  it('pauses while hidden (aborting the held request) and resumes from the cursor on visible', async () => {
    const { page, server, channel, ids } = setup();
    await vi.advanceTimersByTimeAsync(0);
    server.answer([message(1)], '1');
    await vi.advanceTimersByTimeAsync(0);
    page.setHidden(true);
    expect(server.last.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.requests).toHaveLength(2);
    page.setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(3);
    expect(server.last.url.searchParams.get('cursor')).toBe('1');
    server.answer([message(2)], '2');
    await vi.advanceTimersByTimeAsync(0);
    expect(ids).toEqual(['1', '2']);
    channel.close();
  });

  it('keeps polling while hidden when pauseWhenHidden is false', async () => {
    const { page, server, channel } = setup({ pauseWhenHidden: false });
    await vi.advanceTimersByTimeAsync(0);
    page.setHidden(true);
    expect(server.last.signal.aborted).toBe(false);
    server.answer([], '0');
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(2);
    channel.close();
  });

  it('treats 204 as "nothing new" and asks again with the same cursor', async () => {
    const { server, channel } = setup();
    await vi.advanceTimersByTimeAsync(0);
    server.answer([message(1)], '1');
    await vi.advanceTimersByTimeAsync(0);
    server.last.respond(new Response(null, { status: 204 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(3);
    expect(server.last.url.searchParams.get('cursor')).toBe('1');
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it('rejects a bad URL or timeout with a config error that names it', () => {
    const bad = createLongPoll('', { hub: createHub() });
    bad.connect();
    expect(bad.getState().status).toBe('closed');
    expect(bad.getState().error).toMatchObject({ kind: 'config' });
    expect(bad.getState().error?.message).toMatch(/source/);
    const badTimeout = createLongPoll('/api/long-poll', { hub: createHub(), timeout: -1 });
    badTimeout.connect();
    expect(badTimeout.getState().error?.message).toMatch(/timeout/);
  });

  it('shares one request chain between identical channels', async () => {
    const page = fakePage();
    const server = heldFetch();
    const hub = createHub();
    const env = { ...page.env, fetch: server.fetch };
    const a = createLongPoll<Message>('http://x.test/lp', { hub, env, notify: 'sync' });
    const b = createLongPoll<Message>('http://x.test/lp', { hub, env, notify: 'sync' });
    a.connect();
    b.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(1);
    server.answer([message(1)], '1');
    await vi.advanceTimersByTimeAsync(0);
    expect(a.getState().data?.id).toBe('1');
    expect(b.getState().data?.id).toBe('1');
    a.close();
    b.close();
  });

  it('passes json back unchanged to a parse option', async () => {
    const { server, channel } = setup();
    channel.setOptions({ parse: 'text' });
    await vi.advanceTimersByTimeAsync(0);
    server.last.respond(json({ messages: [message(1)], cursor: '1' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.getState().data).toBe(JSON.stringify(message(1)));
    channel.close();
  });
});
