// @vitest-environment jsdom
import { createHub, createSSE } from '@tidings/core';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { EventSourcePolyfill } from 'event-source-polyfill';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchTransport } from '../../packages/core/src/transports/sse/polyfill';
import { fastReconnect, pageOrigins } from '../shared/mockServerHelpers';

/** jsdom has no EventSource: the polyfill's class, over fetch, stands in for the platform's. */
class PlatformLikeEventSource extends EventSourcePolyfill {
  constructor(url: string, init: EventSourceInit = {}) {
    super(url, { ...init, Transport: fetchTransport(fetch) });
  }
}

let server: MockServer;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  server = await startMockServer({ port: 0, allowOrigins: pageOrigins() });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

describe('channel.raw() of an EventSource channel against the mock server', () => {
  it('native: the EventSource the channel opened; undefined once closed', async () => {
    const channel = createSSE(`${server.url}/api/sse`, {
      hub: createHub(),
      reconnect: fastReconnect,
      transport: 'native',
      env: { EventSource: PlatformLikeEventSource as unknown as typeof EventSource },
    });
    cleanups.push(() => channel.close());
    channel.connect();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const source = channel.raw();
    expect(source).toBeInstanceOf(PlatformLikeEventSource);
    expect((source as EventSource).readyState).toBe(1);
    channel.close();
    expect(channel.raw()).toBeUndefined();
  });

  it("polyfill: the polyfill's EventSource instance, after the async headers resolved", async () => {
    let release!: () => void;
    const headersGiven = new Promise<void>((resolve) => (release = resolve));
    const channel = createSSE(`${server.url}/api/sse`, {
      hub: createHub(),
      reconnect: fastReconnect,
      transport: 'polyfill',
      polyfill: eventSourcePolyfill,
      headers: async () => {
        await headersGiven;
        return { Authorization: 'Bearer any' };
      },
    });
    cleanups.push(() => channel.close());
    channel.connect();
    // No client while the attempt waits for its credentials.
    expect(channel.raw()).toBeUndefined();
    release();
    await vi.waitFor(() => expect(channel.getState().status).toBe('open'));
    const source = channel.raw();
    expect(source).toBeInstanceOf(EventSourcePolyfill);
    expect((source as EventSource).readyState).toBe(1);
    channel.close();
    expect(channel.raw()).toBeUndefined();
  });
});
