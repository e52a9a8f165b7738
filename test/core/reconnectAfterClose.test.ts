import { createHub } from '@tidings/core';
import { describe, expect, it } from 'vitest';
import { createChannel } from '../../packages/core/src/channel';
import { fakePage } from './fakeEnv';
import { manualDriver, Wire } from './testDriver';

// A UI binding reopens a closed channel with reconnect() while it is still subscribed; when the
// component then unmounts, its last listener leaves and the wire must be released.
describe('reconnect() after close()', () => {
  it('detaches when the last listener leaves if listeners were present', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const channel = createChannel<unknown, unknown, Wire>(
      { key: 'k', createWire: (env) => new Wire(manual.driver, env) },
      { hub, env: fakePage().env },
    );
    const off = channel.subscribe(() => {});
    channel.close();
    await Promise.resolve();
    channel.reconnect();
    expect(manual.attempts).toHaveLength(2);
    off();
    await Promise.resolve();
    expect(hub.keys()).toEqual([]);
    expect(manual.attempts.every((attempt) => attempt.closed)).toBe(true);
  });

  it('holds the connection like connect() when nobody listens', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const channel = createChannel<unknown, unknown, Wire>(
      { key: 'k', createWire: (env) => new Wire(manual.driver, env) },
      { hub, env: fakePage().env },
    );
    channel.reconnect();
    const off = channel.subscribe(() => {});
    off();
    await Promise.resolve();
    expect(hub.keys()).toEqual(['k']);
    channel.close();
  });
});
