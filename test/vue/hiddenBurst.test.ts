// @vitest-environment jsdom
import { createHub } from '@tidings/core';
import { useWebSocket } from '@tidings/vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watch } from 'vue';
import { fakeWebSocket } from '../core/fakeWebSocket';
import { mount } from './harness';

afterEach(() => {
  // Back to jsdom's own getter on the prototype.
  Reflect.deleteProperty(document, 'hidden');
});

describe('a burst of 10,000 messages in a hidden tab', () => {
  it('reaches reduce 10,000 times but triggers the refs only a few times', async () => {
    // Hidden tabs run no animation frames, so notify: 'frame' has to batch some other way.
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    const fake = fakeWebSocket();
    const reduce = vi.fn((sum: number | undefined) => (sum ?? 0) + 1);
    const { result } = mount(createHub(), () =>
      useWebSocket<unknown, number>('ws://x.test/ws', {
        reduce,
        env: { WebSocket: fake.WebSocket },
      }),
    );
    fake.last.open();
    await vi.waitFor(() => expect(result.status.value).toBe('open'));
    let triggers = 0;
    watch(result.data, () => triggers++, { flush: 'sync' });
    // A browser's socket queues one task per message; each is its own task here too.
    for (let i = 0; i < 10_000; i++) setImmediate(() => fake.last.receive(`{"n":${i}}`));
    await vi.waitFor(() => expect(result.data.value).toBe(10_000), { timeout: 10_000 });
    expect(reduce).toHaveBeenCalledTimes(10_000);
    expect(result.received.value).toBe(10_000);
    console.info(`hidden tab, 10,000 messages one per task: ${triggers} Vue ref trigger(s)`);
    expect(triggers).toBeGreaterThan(0);
    expect(triggers).toBeLessThanOrEqual(5);
  });
});
