import { createHub, createSSE, type SSEPolyfill } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, streamResponse } from './sseFakes';

const URL_ = 'http://x.test/api/sse';

/** A stand-in for `eventSourcePolyfill` that records which requests reach it. */
function recordingPolyfill() {
  const opened: string[] = [];
  const polyfill: SSEPolyfill = (config) => ({
    start() {
      opened.push(config.url);
      return { close: () => undefined };
    },
  });
  return { polyfill, opened };
}

describe('createSSE: the polyfill is an option, never a built-in', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('auto with headers and no polyfill streams over fetch, headers sent', async () => {
    const { fetch, calls } = fakeFetch(() => streamResponse(['data: {}\n\n'], { hold: true }));
    const channel = createSSE(URL_, {
      headers: { Authorization: 'Bearer t' },
      hub: createHub(),
      env: { fetch, EventSource: undefined },
    });
    channel.connect();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.headers).toMatchObject({ Authorization: 'Bearer t' });
    channel.close();
  });

  it('auto with headers prefers the polyfill when one is passed', async () => {
    const { fetch, calls } = fakeFetch(() => streamResponse([], { hold: true }));
    const { polyfill, opened } = recordingPolyfill();
    const channel = createSSE(URL_, {
      headers: { Authorization: 'Bearer t' },
      polyfill,
      hub: createHub(),
      env: { fetch },
    });
    channel.connect();
    await vi.waitFor(() => expect(opened).toEqual([URL_]));
    expect(calls).toHaveLength(0);
    channel.close();
  });

  it("transport 'polyfill' without the option is a config error that says where to get it", () => {
    const channel = createSSE(URL_, { transport: 'polyfill', hub: createHub() });
    channel.connect();
    expect(channel.getState()).toMatchObject({ status: 'closed', error: { kind: 'config' } });
    expect(channel.getState().error?.message).toContain('@tidings/core/sse-polyfill');
  });
});
