// @vitest-environment jsdom
import { createHub, createSSE, type TidingsError } from '@tidings/core';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, liveResponse } from './sseFakes';

describe('createSSE over event-source-polyfill: idleTimeout', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('any bytes (comments included) are life; silence is a timeout error, not the polyfill own', async () => {
    const responses: Array<ReturnType<typeof liveResponse>> = [];
    const { fetch, calls } = fakeFetch(() => {
      const live = liveResponse();
      responses.push(live);
      return live.response;
    });
    const errors: TidingsError[] = [];
    const channel = createSSE('http://x.test/sse', {
      transport: 'polyfill',
      polyfill: eventSourcePolyfill,
      idleTimeout: 60_000,
      hub: createHub(),
      reconnect: { minDelay: 10, maxDelay: 10 },
      onError: (error) => errors.push(error),
      env: { fetch, random: () => 0.5 },
    });
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    // Past the polyfill's own 45 s default: only our watchdog decides.
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(50_000);
      responses.at(-1)?.write(': ping\n\n');
    }
    expect(errors).toEqual([]);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors.map((e) => e.kind)).toEqual(['timeout']);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting' });
    channel.close();
  });
});
