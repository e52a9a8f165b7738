import { createHub, createWebSocket, type Hub, TidingsError } from '@tidings/core';
import {
  dropWire,
  type InspectedWire,
  inspectHub,
  observeHub,
  reconnectWire,
} from '@tidings/core/devtools';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveEnv } from '../../packages/core/src/env';
import type { WireListener, WireOptions } from '../../packages/core/src/wire';
import { wireKey } from '../../packages/core/src/wireKey';
import { fakePage } from './fakeEnv';
import { fakeWebSocket } from './fakeWebSocket';
import { manualDriver, Wire } from './testDriver';

/** A consumer as a channel would be: it counts toward `listeners` and never vetoes a retry. */
const consumer = (): WireListener => ({
  state: () => {},
  opened: () => {},
  frame: () => {},
  report: () => {},
  shouldReconnect: () => true,
});

function addWire(hub: Hub, key: string, options: WireOptions = {}) {
  const manual = manualDriver();
  const wire = hub.acquire(
    key,
    () => new Wire(manual.driver, resolveEnv(fakePage().env), { reconnect: false, ...options }),
  );
  const stopListening = wire.listen(consumer());
  return { wire, manual, stopListening };
}

/** Records every snapshot an observer is told. */
function recordSnapshots(hub: Hub) {
  const snapshots: InspectedWire[][] = [];
  const stop = observeHub(hub, (wires) => snapshots.push(wires));
  const latest = () => snapshots.at(-1) ?? [];
  return {
    snapshots,
    stop,
    latest,
    /** Waits for a snapshot that passes `test` (observers are told in a microtask). */
    next: (test: (wires: InspectedWire[]) => boolean) =>
      vi.waitFor(() => expect(test(latest()), JSON.stringify(latest())).toBe(true)),
  };
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('inspectHub', () => {
  it('lists each wire with its transport, status, attempt, cursor and consumers', () => {
    const hub = createHub();
    const key = wireKey('webSocket', { url: 'wss://example.test/live' });
    const { wire, manual } = addWire(hub, key);
    addWire(hub, key); // a second consumer on the same wire
    wire.start();
    manual.current.opened();
    manual.current.setCursor('41');

    expect(inspectHub(hub)).toEqual([
      {
        key,
        transport: 'webSocket',
        status: 'open',
        attempt: 0,
        cursor: '41',
        listeners: 2,
        messages: 0,
        bytes: 0,
        error: null,
        lastError: null,
      },
    ]);
  });

  it('shows no credential: tokens in a URL, headers, auth and passwords appear only as hashes', () => {
    const hub = createHub();
    const secret = 's3cr3t-token';
    const channels = [
      createWebSocket(`wss://user:${secret}@example.test/ws?token=${secret}`, {
        hub,
        env: { ...fakePage().env, WebSocket: fakeWebSocket().WebSocket },
      }),
    ];
    for (const channel of channels) channel.connect();
    addWire(
      hub,
      wireKey('sse', { url: '/events', headers: { Authorization: `Bearer ${secret}` } }),
    );
    addWire(hub, wireKey('mqtt', { url: 'ws://broker', password: secret, auth: { secret } }));
    const { wire, manual } = addWire(hub, wireKey('polling', { source: '/poll' }));
    wire.start();
    manual.current.fail(
      new TidingsError('http', `HTTP 401 from "/poll?access_token=${secret}"`, { status: 401 }),
    );

    const shown = JSON.stringify(inspectHub(hub));
    expect(inspectHub(hub)).toHaveLength(4);
    expect(shown).toContain('HTTP 401 from');
    expect(shown).not.toContain(secret);
    for (const channel of channels) channel.close();
  });

  it('throws a clear TypeError for an object that is not a hub made by createHub', () => {
    const fake: Hub = { acquire: () => ({ stop() {} }) as never, release() {}, keys: () => [] };
    expect(() => inspectHub(fake)).toThrow('not a hub made by createHub');
  });
});

describe('observeHub', () => {
  it('counts frames and their bytes from the moment a wire is created', async () => {
    const hub = createHub();
    const observed = recordSnapshots(hub);
    stops.push(observed.stop);
    expect(observed.latest()).toEqual([]);

    const { wire, manual } = addWire(hub, wireKey('sse', { url: '/events' }));
    wire.start();
    manual.current.opened();
    manual.current.frame({ raw: 'héllo', meta: {} }); // 6 UTF-8 bytes
    manual.current.frame({ raw: new Uint8Array(10), meta: {} });
    manual.current.frame({ raw: [{ id: 1 }], meta: {} }); // JSON `[{"id":1}]`: 10 bytes
    await observed.next((wires) => wires[0]?.messages === 3);

    expect(observed.latest()[0]).toMatchObject({ status: 'open', messages: 3, bytes: 26 });
    // Changes within one task are told once: the frames above came in one snapshot.
    expect(observed.snapshots.filter((wires) => wires[0]?.messages === 1)).toEqual([]);
  });

  it('does not count a duplicate the wire dropped, nor a replayed last frame', async () => {
    const hub = createHub();
    const { wire, manual } = addWire(hub, wireKey('polling', { source: '/p' }), {
      replayLast: true,
    });
    wire.start();
    manual.current.frame({ raw: 'before', meta: {}, id: 'a' });
    // Observed after the wire's first frame: counts start now, and the replay is not a message.
    const observed = recordSnapshots(hub);
    stops.push(observed.stop);
    manual.current.frame({ raw: 'dup', meta: {}, id: 'a' });
    manual.current.frame({ raw: 'new', meta: {}, id: 'b' });
    await observed.next((wires) => wires[0]?.messages === 1);
    expect(observed.latest()[0]).toMatchObject({ messages: 1, bytes: 3, listeners: 1 });
  });

  it('keeps the last error, skipped frames included, after the wire recovers', async () => {
    const hub = createHub();
    const observed = recordSnapshots(hub);
    stops.push(observed.stop);
    const { wire, manual } = addWire(hub, wireKey('webSocket', { url: '/ws' }));
    wire.start();
    manual.current.opened();
    manual.current.report(new TidingsError('parse', 'frame 3 is not JSON'));
    await observed.next((wires) => wires[0]?.lastError !== null);
    expect(observed.latest()[0]).toMatchObject({
      status: 'open',
      error: null,
      lastError: { kind: 'parse', message: 'frame 3 is not JSON' },
    });
  });

  it('tells when a wire is let go, and stops tapping wires when the last observer leaves', async () => {
    const hub = createHub();
    const key = wireKey('longPoll', { url: '/lp' });
    const { wire, stopListening } = addWire(hub, key);
    const observed = recordSnapshots(hub);
    expect(observed.latest().map((w) => w.key)).toEqual([key]);
    expect(wire.listenerCount).toBe(2); // the app's consumer and the tap

    stopListening();
    hub.release(key, wire);
    await observed.next((wires) => wires.length === 0);
    observed.stop();

    const again = addWire(hub, key);
    expect(again.wire).not.toBe(wire);
    expect(again.wire.listenerCount).toBe(1); // no tap once nobody observes
  });
});

describe('dropWire and reconnectWire', () => {
  it('drop stops the wire for every consumer; reconnect starts a new attempt', () => {
    const hub = createHub();
    const key = wireKey('webSocket', { url: '/ws' });
    const { wire, manual } = addWire(hub, key);
    wire.start();
    manual.current.opened();

    expect(reconnectWire(hub, key)).toBe(true);
    expect(manual.attempts).toHaveLength(2);
    expect(manual.attempts[0]?.closed).toBe(true);
    expect(wire.getState().status).toBe('reconnecting');

    expect(dropWire(hub, key)).toBe(true);
    expect(wire.getState().status).toBe('closed');
    expect(manual.attempts[1]?.closed).toBe(true);

    expect(dropWire(hub, 'webSocket:{"url":"/other"}')).toBe(false);
    expect(reconnectWire(hub, 'webSocket:{"url":"/other"}')).toBe(false);
  });
});
