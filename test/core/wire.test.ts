import { TidingsError } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveEnv } from '../../packages/core/src/env';
import type { WireListener, WireState } from '../../packages/core/src/wire';
import { fakePage } from './fakeEnv';
import { manualDriver, Wire } from './testDriver';

function setup(options: ConstructorParameters<typeof Wire>[2] = {}, page = fakePage()) {
  const manual = manualDriver();
  const env = resolveEnv({ ...page.env, random: () => 0.5 });
  const wire = new Wire(manual.driver, env, options);
  const states: WireState[] = [];
  const frames: unknown[] = [];
  const listener: WireListener = {
    state: (s) => states.push(s),
    opened: () => {},
    frame: (f) => frames.push(f.raw),
    report: () => {},
    shouldReconnect: (e) => e.retryable,
  };
  wire.listen(listener);
  return { wire, manual, states, frames, page, listener };
}

const network = () => new TidingsError('network', 'connection lost');

describe('Wire', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('walks connecting → open → reconnecting → open and resets the attempt counter', async () => {
    const { wire, manual, states } = setup({ reconnect: { minDelay: 1000 } });
    wire.start();
    expect(wire.getState().status).toBe('connecting');
    manual.current.opened();
    manual.current.fail(network());
    expect(wire.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    // random() = 0.5, first retry ceiling = minDelay: 500 ms.
    await vi.advanceTimersByTimeAsync(499);
    expect(manual.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(manual.attempts).toHaveLength(2);
    manual.current.fail(network());
    expect(wire.getState().attempt).toBe(2);
    await vi.advanceTimersByTimeAsync(1000); // second retry: 0.5 * 2000
    manual.current.opened();
    expect(wire.getState()).toMatchObject({ status: 'open', attempt: 0, error: null });
    expect(states.map((s) => s.status)).toEqual([
      'connecting',
      'open',
      'reconnecting',
      'reconnecting',
      'open',
    ]);
  });

  it('does not retry a non-retryable error', async () => {
    const { wire, manual } = setup();
    wire.start();
    manual.current.fail(new TidingsError('auth', 'HTTP 401', { status: 401, retryable: false }));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(manual.attempts).toHaveLength(1);
    expect(wire.getState()).toMatchObject({ status: 'closed', error: { kind: 'auth' } });
  });

  it('gives up after `retries` attempts', async () => {
    const { wire, manual } = setup({ reconnect: { retries: 2, minDelay: 10 } });
    wire.start();
    for (let i = 0; i < 3; i++) {
      manual.current.fail(network());
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(manual.attempts).toHaveLength(3);
    expect(wire.getState().status).toBe('closed');
  });

  it('never reconnects with reconnect: false', async () => {
    const { wire, manual } = setup({ reconnect: false });
    wire.start();
    manual.current.fail(network());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manual.attempts).toHaveLength(1);
    expect(wire.getState().status).toBe('closed');
  });

  it('honours Retry-After over the backoff', async () => {
    const { wire, manual } = setup({ reconnect: { minDelay: 10 } });
    wire.start();
    manual.current.fail(new TidingsError('http', '503', { status: 503, retryAfterMs: 7000 }));
    await vi.advanceTimersByTimeAsync(6999);
    expect(manual.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(manual.attempts).toHaveLength(2);
  });

  it('clamps a Retry-After beyond what a timer can hold instead of retrying at once', async () => {
    const { wire, manual } = setup();
    wire.start();
    manual.current.fail(new TidingsError('http', '503', { status: 503, retryAfterMs: 2 ** 32 }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manual.attempts).toHaveLength(1);
    expect(wire.getState().status).toBe('reconnecting');
    wire.stop();
  });

  it('uses the server-given base delay (SSE retry:)', async () => {
    const { wire, manual } = setup({ reconnect: { minDelay: 1000 } });
    wire.start();
    manual.current.setBaseDelay(100);
    manual.current.fail(network());
    await vi.advanceTimersByTimeAsync(50); // 0.5 * 100
    expect(manual.attempts).toHaveLength(2);
  });

  it('waits for `online` instead of burning attempts while offline', async () => {
    const page = fakePage();
    const { wire, manual } = setup({}, page);
    wire.start();
    page.goOffline();
    manual.current.fail(network());
    await vi.advanceTimersByTimeAsync(300_000);
    expect(manual.attempts).toHaveLength(1);
    expect(wire.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    page.goOnline();
    expect(manual.attempts).toHaveLength(2);
  });

  it('cancels a pending retry when going offline and retries at once on online', async () => {
    const page = fakePage();
    const { wire, manual } = setup({ reconnect: { minDelay: 60_000 } }, page);
    wire.start();
    manual.current.fail(network());
    page.goOffline();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(manual.attempts).toHaveLength(1);
    page.goOnline();
    expect(manual.attempts).toHaveLength(2);
  });

  it('reconnects when the page is restored from the back/forward cache', () => {
    const page = fakePage();
    const { wire, manual } = setup({}, page);
    wire.start();
    manual.current.opened();
    page.restoreFromBfcache();
    expect(manual.attempts).toHaveLength(2);
    expect(manual.attempts[0]!.closed).toBe(true);
  });

  it('pauses while hidden when asked to, and resumes at once', () => {
    const page = fakePage();
    const { wire, manual } = setup({ pauseWhenHidden: true }, page);
    wire.start();
    page.setHidden(true);
    expect(manual.attempts[0]!.closed).toBe(true);
    page.setHidden(false);
    expect(manual.attempts).toHaveLength(2);
  });

  it('stays paused when reconnect() (a refresh, a bfcache restore) comes while hidden', () => {
    const page = fakePage();
    const { wire, manual } = setup({ pauseWhenHidden: true }, page);
    wire.start();
    page.setHidden(true);
    wire.reconnect();
    page.restoreFromBfcache();
    expect(manual.attempts).toHaveLength(1);
    page.setHidden(false);
    expect(manual.attempts).toHaveLength(2);
  });

  it('starts paused when the page is hidden at start', () => {
    const page = fakePage({ hidden: true });
    const { wire, manual } = setup({ pauseWhenHidden: true }, page);
    wire.start();
    expect(manual.attempts).toHaveLength(0);
    page.setHidden(false);
    expect(manual.attempts).toHaveLength(1);
  });

  it('drops duplicate ids and ids at or before the cursor, advancing the cursor', () => {
    const { wire, manual, frames } = setup();
    wire.start();
    const ctx = manual.current;
    for (const id of ['1', '2', '2', '1', '3']) ctx.frame({ raw: id, meta: {}, id });
    ctx.frame({ raw: 'no id', meta: {} });
    ctx.frame({ raw: 'opaque', meta: {}, id: 'abc' });
    ctx.frame({ raw: 'opaque again', meta: {}, id: 'abc' });
    expect(frames).toEqual(['1', '2', '3', 'no id', 'opaque']);
    expect(wire.getState().cursor).toBe('abc');
  });

  it('hands the cursor to the next attempt', async () => {
    const { wire, manual } = setup({ reconnect: { minDelay: 10 } });
    wire.start();
    manual.current.frame({ raw: 'x', meta: {}, id: '41' });
    manual.current.fail(network());
    await vi.advanceTimersByTimeAsync(10);
    expect(manual.current.cursor).toBe('41');
  });

  it('ignores callbacks from a torn-down attempt', () => {
    const { wire, manual, frames } = setup();
    wire.start();
    const stale = manual.current;
    wire.reconnect();
    stale.frame({ raw: 'late', meta: {} });
    stale.fail(network());
    stale.opened();
    expect(frames).toEqual([]);
    expect(wire.getState().status).toBe('connecting');
  });

  it('stop() is terminal: no timers, no page listeners', async () => {
    const page = fakePage();
    const { wire, manual } = setup({ reconnect: { minDelay: 10 } }, page);
    wire.start();
    manual.current.fail(network());
    wire.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    page.goOnline();
    page.restoreFromBfcache();
    expect(manual.attempts).toHaveLength(1);
    expect(wire.getState().status).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets a consumer veto a retry', async () => {
    const { wire, manual, listener } = setup({ reconnect: { minDelay: 10 } });
    listener.shouldReconnect = () => false;
    wire.start();
    manual.current.fail(network());
    await vi.advanceTimersByTimeAsync(1000);
    expect(manual.attempts).toHaveLength(1);
    expect(wire.getState().status).toBe('closed');
  });
});

describe('Wire attempts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the live attempt for verbs and closes each one exactly once', async () => {
    const { wire, manual } = setup({ reconnect: { minDelay: 1000 } });
    expect(wire.attempt).toBeUndefined();
    wire.start();
    const first = wire.attempt;
    expect(first).toBeDefined();
    manual.current.fail(network());
    // Between attempts there is nothing to send through.
    expect(wire.attempt).toBeUndefined();
    expect(manual.attempts.map((a) => a.closed)).toEqual([true]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(wire.attempt).toBeDefined();
    expect(wire.attempt).not.toBe(first);
    wire.stop();
    expect(wire.attempt).toBeUndefined();
    expect(manual.attempts.map((a) => a.closed)).toEqual([true, true]);
  });

  it('closes at once an attempt that failed while starting, instead of keeping it', () => {
    const closed: string[] = [];
    const env = resolveEnv({ ...fakePage().env, random: () => 0.5 });
    const wire = new Wire(
      {
        start(context) {
          context.fail(new TidingsError('config', 'bad URL', { retryable: false }));
          return { close: () => closed.push('attempt') };
        },
      },
      env,
    );
    wire.start();
    expect(closed).toEqual(['attempt']);
    expect(wire.attempt).toBeUndefined();
    expect(wire.getState().error?.message).toBe('bad URL');
    wire.stop();
    expect(closed).toEqual(['attempt']);
  });

  it('end() closes the wire with no error and no retry', async () => {
    const { wire, manual } = setup();
    wire.start();
    manual.current.opened();
    manual.current.end();
    expect(wire.getState()).toMatchObject({ status: 'closed', error: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(manual.attempts).toHaveLength(1);
  });

  it('reconnectOnRestore: false leaves the attempt alone on a bfcache restore', () => {
    const kept = setup({ reconnectOnRestore: false });
    kept.wire.start();
    kept.page.restoreFromBfcache();
    expect(kept.manual.attempts).toHaveLength(1);
    expect(kept.manual.attempts[0]?.closed).toBe(false);

    const replayed = setup();
    replayed.wire.start();
    replayed.page.restoreFromBfcache();
    expect(replayed.manual.attempts).toHaveLength(2);
  });
});
