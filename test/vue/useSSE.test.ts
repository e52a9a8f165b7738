// @vitest-environment jsdom
import { resetWarnings } from '@tidings/core/binding';
import { useSSE, useSSEStream } from '@tidings/vue';
import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref, shallowRef } from 'vue';
import { describeComposable, type Envelope } from './composableSuite';
import { fastReconnect, mount, setup, stats } from './harness';

// jsdom has no EventSource: the fetch transport with the streaming parser does the work.
describeComposable<Envelope>('useSSE', {
  transport: 'sse',
  use: (server, { variant, callbacks, notify }) =>
    useSSE(
      () => `${server.url}/api/sse?v=${variant.value}`,
      () => ({
        transport: 'fetch' as const,
        events: ['notification'],
        reconnect: fastReconnect,
        notify,
        ...callbacks.value,
      }),
    ),
  envelopeOf: (m) => m,
});

describe('useSSEStream: a request-scoped stream (POST /api/chat)', () => {
  const chat = (url: string) =>
    useSSEStream<{ token: string }, string>(url, {
      method: 'POST',
      events: ['token'],
      reduce: (text = '', m) => text + m.token,
    });

  it('sends nothing until start(), then accumulates every token to the end', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () => chat(`${server.url}/api/chat`));
    expect(result.status.value).toBe('idle');
    // A round trip: had mounting sent the request, the server would have seen it by now.
    await fetch(`${server.url}/control/stats`);
    expect(stats(server, 'chat').requests).toBe(0);
    result.start({ prompt: 'Hello there' });
    await vi.waitFor(() => expect(result.status.value).toBe('closed'), { timeout: 10_000 });
    expect(result.error.value).toBeNull();
    expect(result.data.value?.length ?? 0).toBeGreaterThan(0);
    expect(result.received.value).toBeGreaterThan(1);
    expect(stats(server, 'chat').requests).toBe(1);
  });

  it('stop() ends it without an error and keeps the answer so far', async () => {
    const { server, hub } = await setup();
    const { result } = mount(hub, () => chat(`${server.url}/api/chat`));
    result.start({ prompt: 'Tell me a long story about tidings, with many many tokens in it' });
    await vi.waitFor(() => expect(result.received.value).toBeGreaterThan(0));
    result.stop();
    await vi.waitFor(() => expect(result.status.value).toBe('closed'));
    const sofar = result.data.value;
    const count = result.received.value;
    expect(result.error.value).toBeNull();
    expect(sofar?.length ?? 0).toBeGreaterThan(0);
    await vi.waitFor(() => expect(stats(server, 'chat').connections).toBe(0));
    expect(stats(server, 'chat').requests).toBe(1);
    expect(result.data.value).toBe(sofar);
    expect(result.received.value).toBe(count);
  });
});

describe('useSSEStream with a url getter (a token in the query)', () => {
  const FRESH = 'fresh-token';
  const EXPIRED = 'expired-token';
  const options = {
    method: 'POST',
    events: ['token'],
    reduce: (text: string | undefined, m: { token: string }) => (text ?? '') + m.token,
  };

  it('calls the latest getter (handed over through a getter) on every start; new closures never make a new channel; a refusal hides the token', async () => {
    const { server, hub } = await setup({ authTokens: [FRESH], tokenDelayMs: 0 });
    let token = EXPIRED;
    const urls: string[] = [];
    const tick = ref(0);
    const { result } = mount(hub, () =>
      useSSEStream<{ token: string }, string>(() => {
        // Read reactively: every change of `tick` hands over a new closure.
        void tick.value;
        return async () => {
          const url = `${server.url}/api/chat?token=${token}`;
          urls.push(url);
          return url;
        };
      }, options),
    );
    const channel = result.channel.value;
    for (let i = 0; i < 3; i++) {
      tick.value++;
      await nextTick();
    }
    expect(urls).toEqual([]);

    result.start({ prompt: 'Hello there' });
    await vi.waitFor(() => expect(result.status.value).toBe('closed'));
    expect(result.error.value).toMatchObject({ kind: 'auth', status: 401 });
    expect(result.error.value?.message).toBe(`HTTP 401 from ${server.url}/api/chat?…`);

    token = FRESH;
    result.start({ prompt: 'Hello there' });
    await vi.waitFor(
      () => {
        expect(result.status.value).toBe('closed');
        expect(result.error.value).toBeNull();
      },
      { timeout: 10_000 },
    );
    expect(result.data.value?.length ?? 0).toBeGreaterThan(0);
    expect(result.channel.value).toBe(channel);
    expect(urls).toEqual([
      `${server.url}/api/chat?token=${EXPIRED}`,
      `${server.url}/api/chat?token=${FRESH}`,
    ]);
    expect(stats(server, 'chat').requests).toBe(2);
  });

  it('a rejected getter ends the stream with a clear auth error, nothing is sent, and the next start works', async () => {
    const { server, hub } = await setup({ tokenDelayMs: 0 });
    let fail = true;
    const getter = async () => {
      if (fail) throw new Error('token endpoint down');
      return `${server.url}/api/chat`;
    };
    const { result } = mount(hub, () =>
      useSSEStream<{ token: string }, string>(() => getter, options),
    );
    result.start({ prompt: 'Hello there' });
    await vi.waitFor(() => expect(result.status.value).toBe('closed'));
    expect(result.error.value).toMatchObject({
      kind: 'auth',
      message: 'The url getter failed: token endpoint down',
    });
    expect(stats(server, 'chat').requests).toBe(0);

    fail = false;
    result.start({ prompt: 'Hello there' });
    await vi.waitFor(
      () => {
        expect(result.status.value).toBe('closed');
        expect(result.error.value).toBeNull();
      },
      { timeout: 10_000 },
    );
    expect(result.data.value?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('useSSE is a subscription only', () => {
  it('returns no start/stop, and its channel ref changes only with the wire identity', async () => {
    const { server, hub } = await setup();
    const events = shallowRef(['notification']);
    const { result } = mount(hub, () =>
      useSSE(`${server.url}/api/sse`, () => ({ events: [...events.value], transport: 'fetch' })),
    );
    expect(result).not.toHaveProperty('start');
    expect(result).not.toHaveProperty('stop');
    const first = result.channel.value;
    events.value = ['notification'];
    await nextTick();
    expect(result.channel.value).toBe(first);
    events.value = ['invalidate'];
    await nextTick();
    expect(result.channel.value).not.toBe(first);
  });

  it('keeps the deprecated manual: true working, with one development warning', async () => {
    resetWarnings();
    const warn = vi.spyOn(console, 'warn');
    const { server, hub } = await setup();
    const chat = () =>
      useSSE<{ token: string }, string>(`${server.url}/api/chat`, {
        method: 'POST',
        manual: true,
        events: ['token'],
        reduce: (text = '', m) => text + m.token,
      });
    const { result } = mount(hub, () => [chat(), chat()] as const);
    result[0].start({ prompt: 'Hello there' });
    await vi.waitFor(() => expect(result[0].status.value).toBe('closed'), { timeout: 10_000 });
    expect(result[0].data.value?.length ?? 0).toBeGreaterThan(0);
    const deprecations = warn.mock.calls.filter(([text]) => String(text).includes('manual: true'));
    expect(deprecations).toHaveLength(1);
    warn.mockRestore();
  });
});
