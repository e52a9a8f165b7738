import { createHub, createPolling, createSSE } from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePage } from './fakeEnv';

// Errors never throw into the caller or become unhandled rejections: a throwing app callback is
// reported on the channel and the channel settles in a clear state.
describe('app code that throws', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a throwing shouldReconnect closes the channel with a config error', async () => {
    const fetch = vi.fn(async () => new Response('down', { status: 500 }));
    const onError = vi.fn();
    const channel = createPolling('http://x.test/api', {
      hub: createHub(),
      onError,
      env: { ...fakePage().env, fetch },
      shouldReconnect: () => {
        throw new Error('boom');
      },
    });
    channel.connect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(channel.getState().status).toBe('closed');
    // The closing error is the failure itself; the broken callback is reported on its own.
    expect(channel.getState().error).toMatchObject({ kind: 'http', status: 500 });
    const reported = onError.mock.calls.map(([error]) => error.message);
    expect(reported.some((message) => message.includes('shouldReconnect threw'))).toBe(true);
  });

  it('MQTT publish() of a value JSON cannot encode rejects instead of throwing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const channel = createMqtt('ws://127.0.0.1:1/mqtt', {
      hub: createHub(),
      topics: ['a/#'],
      env: fakePage().env,
      mqtt: () => new Promise(() => {}),
    });
    channel.connect();
    let result: Promise<void> | undefined;
    expect(() => {
      result = channel.publish('a/b', cyclic);
    }).not.toThrow();
    await expect(result).rejects.toMatchObject({ kind: 'config' });
    channel.close();
  });

  it('a throwing SSE headers() with the polyfill fails the attempt, not the process', async () => {
    const channel = createSSE('http://x.test/api/sse', {
      hub: createHub(),
      transport: 'polyfill',
      polyfill: eventSourcePolyfill,
      reconnect: false,
      env: fakePage().env,
      headers: () => {
        throw new Error('token store unavailable');
      },
    });
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('closed'));
    expect(channel.getState().error?.message).toContain('token store unavailable');
  });
});
