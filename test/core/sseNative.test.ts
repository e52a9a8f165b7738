import { createHub, createSSE } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, streamResponse } from './sseFakes';

/** A stand-in for the platform EventSource that the test drives by hand. */
class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  constructor(
    readonly url: string,
    readonly init: EventSourceInit = {},
  ) {
    super();
    FakeEventSource.instances.push(this);
  }
  close() {
    this.readyState = 2;
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  message(type: string, data: string, lastEventId = '') {
    this.dispatchEvent(new MessageEvent(type, { data, lastEventId }));
  }
  /** `gaveUp`: the agent failed the connection (refused response) instead of retrying. */
  fail(gaveUp: boolean) {
    this.readyState = gaveUp ? 2 : 0;
    this.dispatchEvent(new Event('error'));
  }
}

function latest(): FakeEventSource {
  const source = FakeEventSource.instances.at(-1);
  if (!source) throw new Error('no EventSource opened');
  return source;
}

const EventSource = FakeEventSource as unknown as typeof globalThis.EventSource;

describe('createSSE over the native EventSource', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.instances = [];
  });
  afterEach(() => vi.useRealTimers());

  it('is what auto picks for a plain GET; routes events; resumes with ?lastEventId=', async () => {
    const channel = createSSE<{ n: number }>('http://x.test/sse?a=1', {
      events: ['notification', 'message'],
      hub: createHub(),
      notify: 'sync',
      withCredentials: true,
      env: { EventSource, random: () => 0.5 },
    });
    const seen: Array<[number, string | undefined]> = [];
    channel.setOptions({
      parse: (raw, meta) => ({ n: JSON.parse(String(raw)).n, event: meta.event }) as never,
      onMessage: (m) => seen.push([m.n, (m as unknown as { event: string }).event]),
    });
    channel.connect();
    const first = latest();
    expect(first.url).toBe('http://x.test/sse?a=1');
    expect(first.init).toEqual({ withCredentials: true });
    first.open();
    first.message('notification', '{"n":1}', '1');
    first.message('message', '{"n":2}', '1'); // no id of its own: lastEventId persists
    first.message('ignored', '{"n":0}', '2');
    first.message('notification', '{"n":3}', '3');
    first.message('notification', '{"n":3}', '3'); // same id repeated: still delivered (no own id)
    expect(seen).toEqual([
      [1, 'notification'],
      [2, 'message'],
      [3, 'notification'],
      [3, 'notification'],
    ]);
    // A dropped connection: the agent would retry on its own schedule; we close it and use ours.
    first.fail(false);
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(channel.getState()).toMatchObject({
      status: 'reconnecting',
      error: { kind: 'network' },
    });
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(latest().url).toBe('http://x.test/sse?a=1&lastEventId=3');
    latest().open();
    expect(channel.getState()).toMatchObject({ status: 'open', error: null, attempt: 0 });
    channel.close();
    await vi.advanceTimersByTimeAsync(0); // the hub stops an unused wire after a microtask
    expect(latest().closed).toBe(true);
  });

  it('an empty id (lastEventId back to "") forgets the cursor; a NUL id is ignored', async () => {
    const channel = createSSE('http://x.test/sse', {
      hub: createHub(),
      notify: 'sync',
      reconnect: { minDelay: 10, maxDelay: 10 },
      env: { EventSource, random: () => 0.5 },
    });
    channel.connect();
    const first = latest();
    first.open();
    first.message('message', '1', 'k1');
    first.message('message', '2', 'k\u00002'); // WHATWG ignores it: still k1
    expect(channel.getState()).toMatchObject({ cursor: 'k1', received: 2 });
    first.message('message', '3', '');
    expect(channel.getState()).toMatchObject({ cursor: undefined, received: 3 });
    first.fail(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(latest()).not.toBe(first);
    expect(latest().url).toBe('http://x.test/sse');
    // A fresh connection starts at '': events without an id there are not a reset.
    latest().open();
    latest().message('message', '4', 'k4');
    expect(channel.getState().cursor).toBe('k4');
    channel.close();
  });

  it('a non-ASCII cursor travels percent-encoded as UTF-8 in ?lastEventId=', async () => {
    const channel = createSSE('http://x.test/sse', {
      hub: createHub(),
      reconnect: { minDelay: 10, maxDelay: 10 },
      env: { EventSource, random: () => 0.5 },
    });
    channel.connect();
    latest().open();
    latest().message('message', '1', 'é✓');
    latest().fail(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(latest().url).toBe('http://x.test/sse?lastEventId=%C3%A9%E2%9C%93');
    channel.close();
  });

  it('has no idle timeout by default: it cannot see the comments a quiet server sends', async () => {
    const channel = createSSE('http://x.test/sse', {
      hub: createHub(),
      env: { EventSource, random: () => 0.5 },
    });
    channel.connect();
    latest().open();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    expect(FakeEventSource.instances).toHaveLength(1);
    channel.close();
  });

  it('with idleTimeout, the open and every listened event are signs of life', async () => {
    const channel = createSSE('http://x.test/sse', {
      idleTimeout: 1000,
      events: ['tick'],
      hub: createHub(),
      reconnect: { minDelay: 10, maxDelay: 10 },
      env: { EventSource, random: () => 0.5 },
    });
    channel.connect();
    const first = latest();
    await vi.advanceTimersByTimeAsync(900);
    first.open();
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(900);
      first.message('tick', '1');
    }
    expect(channel.getState()).toMatchObject({ status: 'open', error: null });
    await vi.advanceTimersByTimeAsync(1000);
    expect(channel.getState()).toMatchObject({
      status: 'reconnecting',
      error: { kind: 'timeout' },
    });
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(latest()).not.toBe(first);
    channel.close();
  });

  it('probes the URL once when the agent gives up, and stops on 401', async () => {
    const { fetch, calls } = fakeFetch(() => streamResponse([], { status: 401 }));
    const channel = createSSE('http://x.test/sse', {
      hub: createHub(),
      env: { EventSource, fetch, random: () => 0 },
    });
    channel.connect();
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('http://x.test/sse');
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(channel.getState()).toMatchObject({
      status: 'closed',
      error: { kind: 'auth', status: 401, retryable: false },
    });
  });

  it('a url getter: awaited on every attempt (auto still picks EventSource); a 401 probe calls onAuthError, the retry opens at the new URL; errors hide the query', async () => {
    const { fetch, calls } = fakeFetch(() => streamResponse([], { status: 401 }));
    let token = 'old';
    let getterCalls = 0;
    const refusals: string[] = [];
    const viaGetter = createSSE(
      async () => {
        getterCalls++;
        return `http://x.test/sse?token=${token}`;
      },
      {
        hub: createHub(),
        notify: 'sync',
        env: { EventSource, fetch, random: () => 0 },
        onAuthError: (error) => {
          refusals.push(error.message);
          token = 'new';
          return true;
        },
      },
    );
    viaGetter.connect();
    // The attempt waits for the getter: no EventSource yet.
    expect(FakeEventSource.instances).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(getterCalls).toBe(1);
    expect(latest().url).toBe('http://x.test/sse?token=old');
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((call) => call.url)).toEqual(['http://x.test/sse?token=old']);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('http://x.test/sse?…');
    expect(refusals[0]).not.toContain('token=old');
    await vi.advanceTimersByTimeAsync(0);
    expect(getterCalls).toBe(2);
    expect(latest().url).toBe('http://x.test/sse?token=new');
    latest().open();
    expect(viaGetter.getState()).toMatchObject({ status: 'open', error: null });
    viaGetter.close();
  });

  it('retries when the probe finds the stream healthy again, or a 503 asks to wait', async () => {
    const { fetch, calls } = fakeFetch((index) =>
      index === 0
        ? streamResponse([], { status: 503, headers: { 'Retry-After': '3' } })
        : streamResponse([': ok\n'], { hold: true }),
    );
    const channel = createSSE('http://x.test/sse', {
      hub: createHub(),
      env: { EventSource, fetch, random: () => 0 },
    });
    channel.connect();
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.getState().error).toMatchObject({ status: 503, retryAfterMs: 3000 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(channel.getState()).toMatchObject({
      status: 'reconnecting',
      error: { kind: 'network' },
    });
    channel.close();
  });

  it('a server event named "error" is a message, not a failure', () => {
    const channel = createSSE<string>('http://x.test/sse', {
      events: ['error'],
      parse: 'text',
      hub: createHub(),
      env: { EventSource },
    });
    channel.connect();
    latest().open();
    latest().message('error', 'boom');
    expect(channel.getState()).toMatchObject({ status: 'open', data: 'boom', error: null });
    expect(latest().closed).toBe(false);
    channel.close();
  });

  it('without EventSource, transport native is a config error', async () => {
    const channel = createSSE('http://x.test/sse', {
      transport: 'native',
      hub: createHub(),
      env: { EventSource: undefined },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.getState()).toMatchObject({ status: 'closed', error: { kind: 'config' } });
  });
});
