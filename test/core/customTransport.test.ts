import { createHub } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBus } from '../shared/busTransport';
import { FakeBus } from '../shared/fakeBus';

// The transport under test imports only `@tidings/core/transport` and `@tidings/core`.
interface Note {
  text: string;
}

const reconnect = { minDelay: 100, maxDelay: 100 };

function busChannel(bus: FakeBus, hub = createHub()) {
  return createBus<Note, string[]>('room', {
    open: bus.open,
    hub,
    reconnect,
    // Half of the jittered ceiling: the first retry comes after 50 ms.
    env: { random: () => 0.5 },
    reduce: (texts = [], note) => [...texts, note.text],
  });
}

describe('a custom transport built on @tidings/core/transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects, delivers in order, and close() releases the port for good', async () => {
    const bus = new FakeBus();
    const channel = busChannel(bus);
    expect(channel.getState().status).toBe('idle');
    channel.connect();
    expect(channel.getState().status).toBe('open');
    bus.publish({ text: 'a' });
    bus.publish({ text: 'b' });
    expect(channel.getState()).toMatchObject({ data: ['a', 'b'], received: 2, cursor: '2' });
    channel.close();
    expect(channel.getState().status).toBe('closed');
    // The hub stops a wire its last consumer left after a microtask (a remount keeps it).
    await vi.advanceTimersByTimeAsync(10_000);
    expect(bus.openPorts).toBe(0);
    expect(bus.hellos).toHaveLength(1);
  });

  it('send() reaches the live attempt, and is refused with an unsent error without one', () => {
    const bus = new FakeBus();
    const errors: string[] = [];
    const channel = busChannel(bus);
    channel.setOptions({ onError: (error) => errors.push(error.kind) });
    expect(channel.send('too early')).toBe(false);
    channel.connect();
    expect(channel.send('hello')).toBe(true);
    expect(bus.received).toEqual(['hello']);
    channel.close();
    expect(channel.send('too late')).toBe(false);
    expect(bus.received).toEqual(['hello']);
    expect(errors).toEqual(['unsent', 'unsent']);
  });

  it('reconnects after a failure with backoff and resumes from the last id', async () => {
    const bus = new FakeBus();
    const channel = busChannel(bus);
    channel.connect();
    bus.publish({ text: 'a' });
    bus.drop();
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(channel.getState().error?.kind).toBe('network');
    expect(channel.send('while away')).toBe(false);
    // Missed while the client was away: the resume cursor brings it back.
    bus.publishUnseen({ text: 'b' });
    await vi.advanceTimersByTimeAsync(49);
    expect(bus.hellos).toEqual([undefined]);
    await vi.advanceTimersByTimeAsync(1);
    expect(bus.hellos).toEqual([undefined, '1']);
    expect(channel.getState()).toMatchObject({
      status: 'open',
      attempt: 0,
      error: null,
      data: ['a', 'b'],
    });
    channel.close();
  });

  it('reconnect() drops the attempt and resumes at once, skipping any wait', () => {
    const bus = new FakeBus();
    const channel = busChannel(bus);
    channel.connect();
    bus.publish({ text: 'a' });
    channel.reconnect();
    expect(bus.hellos).toEqual([undefined, '1']);
    expect(bus.openPorts).toBe(1);
    expect(channel.getState()).toMatchObject({ status: 'open', data: ['a'], received: 1 });
    channel.close();
  });

  it('drops a delivery id seen before: the wire dedupes for the transport', () => {
    const bus = new FakeBus();
    const channel = busChannel(bus);
    channel.connect();
    bus.publish({ text: 'a' });
    bus.redeliver('1');
    bus.publish({ text: 'b' });
    expect(channel.getState()).toMatchObject({ data: ['a', 'b'], received: 2 });
    channel.close();
  });

  it('skips a frame it cannot read with an error, and the next message arrives', () => {
    const bus = new FakeBus();
    const channel = busChannel(bus);
    channel.connect();
    bus.garble();
    expect(channel.getState().error?.kind).toBe('protocol');
    bus.publish({ text: 'a' });
    expect(channel.getState()).toMatchObject({ status: 'open', data: ['a'] });
    channel.close();
  });

  it('shares one port among channels with the same key on a hub', () => {
    const bus = new FakeBus();
    const hub = createHub();
    const first = busChannel(bus, hub);
    const second = busChannel(bus, hub);
    first.connect();
    second.connect();
    expect(bus.openPorts).toBe(1);
    bus.publish({ text: 'a' });
    expect(first.getState().data).toEqual(['a']);
    expect(second.getState().data).toEqual(['a']);
    first.close();
    second.close();
  });

  it('is built from a public entry that holds only the transport pieces', async () => {
    const entry = await import('@tidings/core/transport');
    expect(Object.keys(entry).sort()).toEqual([
      'TidingsError',
      'Wire',
      'channelInternals',
      'createChannel',
      'extendChannel',
      'startWatchdog',
      'wireKey',
    ]);
  });
});
