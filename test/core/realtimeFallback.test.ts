import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveEnv, type TidingsEnv } from '../../packages/core/src/env';
import { TidingsError } from '../../packages/core/src/errors';
import { resolvePolicy } from '../../packages/core/src/realtime/options';
import type { Tier } from '../../packages/core/src/realtime/tiers';
import { RealtimeWire } from '../../packages/core/src/realtime/wire';
import type { AttemptContext, Frame } from '../../packages/core/src/wire';

// The fallback decisions, driven by hand: each transport is a driver the test steers, time is
// fake, and the wire is the real one (cursor, orderedIds dedupe, backoff).

interface Leg {
  context: AttemptContext;
  closed: boolean;
}

function manualTier(name: Tier['name']) {
  const legs: Leg[] = [];
  const tier: Tier = {
    name,
    driver: {
      start(context) {
        const leg = { context, closed: false };
        legs.push(leg);
        return {
          close() {
            leg.closed = true;
          },
        };
      },
    },
  };
  return {
    tier,
    legs,
    get last(): Leg {
      const leg = legs.at(-1);
      if (!leg) throw new Error(`no ${name} attempt started`);
      return leg;
    },
  };
}

const frame = (id: string): Frame => ({ raw: JSON.stringify({ id }), meta: {}, id });
const network = () => new TidingsError('network', 'dropped');

/** The position endpoint, answering `{ messages: [], cursor: position }`. */
function positionServer(position: () => string) {
  return vi.fn(
    async () => new Response(JSON.stringify({ messages: [], cursor: position() }), { status: 200 }),
  ) as unknown as typeof fetch;
}

let wire: RealtimeWire | undefined;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  wire?.stop();
  wire = undefined;
  vi.useRealTimers();
});

function setup(
  options: {
    policy?: Parameters<typeof resolvePolicy>[0];
    positionUrl?: string;
    env?: Partial<TidingsEnv>;
  } = {},
) {
  const ws = manualTier('webSocket');
  const sse = manualTier('sse');
  const longPoll = manualTier('longPoll');
  const frames: string[] = [];
  const switches: string[] = [];
  const env = resolveEnv({ random: () => 0, ...options.env });
  wire = new RealtimeWire(
    {
      tiers: [ws.tier, sse.tier, longPoll.tier],
      policy: resolvePolicy({ probeDelay: 1000, probeMaxDelay: 8000, ...options.policy }),
      positionUrl: options.positionUrl,
      sendUrl: undefined,
      headers: undefined,
    },
    env,
    { reconnect: { minDelay: 100, maxDelay: 100 }, orderedIds: true },
  );
  const live = wire;
  live.listen({
    state() {},
    opened() {},
    frame: (f) => frames.push(f.id as string),
    report() {},
    shouldReconnect: (error) => error.retryable,
  });
  live.watchTransport(({ switched }) => {
    if (switched) switches.push(`${switched.from}>${switched.to}:${switched.reason}`);
  });
  live.start();
  return { ws, sse, longPoll, frames, switches, wire: live };
}

describe('createRealtime fallback decisions', () => {
  it('a transport refused before it opens falls to the next at once, from the cursor reached', async () => {
    const { ws, sse, switches, wire, frames } = setup();
    ws.last.context.opened();
    ws.last.context.frame(frame('7'));
    ws.last.context.fail(network());
    // Opened once: one cut is not a reason to fall. The wire retries the WebSocket after backoff.
    expect(switches).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(ws.legs).toHaveLength(2);
    ws.last.context.fail(network());

    expect(switches).toEqual(['webSocket>sse:refused']);
    expect(ws.last.closed).toBe(true);
    expect(sse.legs).toHaveLength(1);
    expect(sse.last.context.cursor).toBe('7');
    expect(wire.transport.transport).toBe('sse');
    sse.last.context.opened();
    sse.last.context.frame(frame('7'));
    sse.last.context.frame(frame('8'));
    expect(frames).toEqual(['7', '8']);
  });

  it('with refusals: 2, the first refusal is retried on the same transport', async () => {
    const { ws, sse, switches } = setup({ policy: { refusals: 2 } });
    ws.last.context.fail(network());
    expect(switches).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(ws.legs).toHaveLength(2);
    ws.last.context.fail(network());
    expect(switches).toEqual(['webSocket>sse:refused']);
    expect(sse.legs).toHaveLength(1);
  });

  it('falls after `cuts` connections cut soon after opening; one that lived long resets the count', async () => {
    const { ws, sse, switches } = setup({ policy: { cuts: 2, cutWindow: 1000 } });
    const cutAfter = async (ms: number) => {
      ws.last.context.opened();
      ws.last.context.setCursor('1');
      await vi.advanceTimersByTimeAsync(ms);
      ws.last.context.fail(network());
      await vi.advanceTimersByTimeAsync(100);
    };
    await cutAfter(200);
    await cutAfter(5000); // lived past cutWindow: an ordinary drop
    await cutAfter(200);
    expect(switches).toEqual([]);
    await cutAfter(200);
    expect(switches).toEqual(['webSocket>sse:cut']);
    expect(sse.legs).toHaveLength(1);
  });

  it('a transport missing here (a config error) is skipped as unavailable', () => {
    const { ws, sse, switches } = setup();
    ws.last.context.fail(new TidingsError('config', 'no WebSocket', { retryable: false }));
    expect(switches).toEqual(['webSocket>sse:unavailable']);
    expect(sse.legs).toHaveLength(1);
  });

  it('an auth refusal is not a reason to try another transport: it reaches the wire', () => {
    const { ws, sse, switches, wire } = setup();
    ws.last.context.fail(new TidingsError('auth', 'who are you', { retryable: false }));
    expect(switches).toEqual([]);
    expect(sse.legs).toHaveLength(0);
    expect(wire.getState()).toMatchObject({ status: 'closed' });
  });

  it('a silent open stream falls as buffered only when the server position is ahead', async () => {
    let position = '5';
    const fetch = positionServer(() => position);
    const { ws, sse, longPoll, switches, wire } = setup({
      positionUrl: 'http://server.test/api/long-poll',
      policy: { stallTimeout: 500 },
      env: { fetch },
    });
    ws.last.context.fail(network());
    sse.last.context.opened();
    sse.last.context.setCursor('5');
    // Delivered its position: never checked again.
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetch).not.toHaveBeenCalled();

    // A reconnect whose stream states nothing while the server is at 5, as we are: a quiet feed.
    sse.last.context.fail(network());
    await vi.advanceTimersByTimeAsync(100);
    sse.last.context.opened();
    await vi.advanceTimersByTimeAsync(500);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(switches).toEqual(['webSocket>sse:refused']);
    // The server moves on and the stream still says nothing: buffered.
    position = '9';
    await vi.advanceTimersByTimeAsync(500);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(switches).toEqual(['webSocket>sse:refused', 'sse>longPoll:buffered']);
    expect(wire.transport.switched?.error?.kind).toBe('timeout');
    expect(longPoll.last.context.cursor).toBe('5');
  });

  it('without a position endpoint, an open that states no position in time counts as buffered', async () => {
    const { ws, sse, switches } = setup({ policy: { stallTimeout: 500 } });
    ws.last.context.fail(network());
    sse.last.context.opened();
    await vi.advanceTimersByTimeAsync(499);
    expect(switches).toEqual(['webSocket>sse:refused']);
    await vi.advanceTimersByTimeAsync(1);
    expect(switches).toEqual(['webSocket>sse:refused', 'sse>longPoll:buffered']);
  });

  it('probes upward after probeDelay; a probe that delivers takes over and nothing is lost or repeated', async () => {
    const { ws, sse, switches, frames, wire } = setup();
    ws.last.context.fail(network());
    sse.last.context.opened();
    sse.last.context.frame(frame('1'));
    // Equal jitter with random() = 0: half of probeDelay.
    await vi.advanceTimersByTimeAsync(499);
    expect(ws.legs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.legs).toHaveLength(2);
    const probe = ws.last.context;
    expect(probe.cursor).toBe('1');

    probe.opened();
    // The stream in use delivers on while the probe connects.
    sse.last.context.frame(frame('2'));
    sse.last.context.frame(frame('3'));
    expect(switches).toEqual(['webSocket>sse:refused']);
    // The probe replays from 1: its 2 and 3 are dropped, 4 is new. Its stale position is ignored.
    probe.frame(frame('2'));
    expect(switches).toEqual(['webSocket>sse:refused', 'sse>webSocket:upgraded']);
    expect(sse.last.closed).toBe(true);
    probe.frame(frame('3'));
    probe.setCursor('3');
    probe.frame(frame('4'));
    expect(frames).toEqual(['1', '2', '3', '4']);
    expect(wire.getState().cursor).toBe('4');
    expect(wire.transport).toMatchObject({ transport: 'webSocket' });
  });

  it('a probe that stays silent or fails is dropped, and the next probe waits twice as long', async () => {
    const { ws, sse, longPoll, switches } = setup({ policy: { stallTimeout: 300 } });
    ws.last.context.fail(network());
    sse.last.context.opened();
    await vi.advanceTimersByTimeAsync(300);
    // No position endpoint: the silent SSE falls as buffered.
    expect(switches.at(-1)).toBe('sse>longPoll:buffered');
    longPoll.last.context.opened();
    longPoll.last.context.setCursor('10');

    await vi.advanceTimersByTimeAsync(500);
    // The first probe: the WebSocket refused again, then the SSE opens and says nothing.
    expect(ws.legs).toHaveLength(2);
    ws.last.context.fail(network());
    expect(sse.legs).toHaveLength(2);
    sse.last.context.opened();
    await vi.advanceTimersByTimeAsync(300);
    expect(sse.last.closed).toBe(true);
    expect(longPoll.last.closed).toBe(false);
    expect(switches).toHaveLength(2);

    // Second round: twice the wait (half of 2000 with random() = 0), counted from the round's end.
    await vi.advanceTimersByTimeAsync(999);
    expect(ws.legs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.legs).toHaveLength(3);
  });
});
