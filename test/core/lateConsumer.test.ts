import { createHub, createPolling, TidingsError } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannel } from '../../packages/core/src/channel';
import { fakePage } from './fakeEnv';
import { manualDriver, Wire } from './testDriver';

describe('a consumer joining a shared wire', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gets the current polling snapshot at once, not after the next interval', async () => {
    const hub = createHub();
    const fetch = vi.fn(async () => new Response(JSON.stringify({ unread: 3 })));
    const options = { hub, interval: 60_000, env: { ...fakePage().env, fetch } };
    const first = createPolling<{ unread: number }>('http://x.test/api', options);
    first.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.getState().data).toEqual({ unread: 3 });
    const late = createPolling<{ unread: number }>('http://x.test/api', options);
    late.connect();
    expect(late.getState()).toMatchObject({ status: 'open', data: { unread: 3 }, received: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
    first.close();
    late.close();
  });

  it('after a terminal failure gets a fresh wire, and the closed consumer stays closed', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const make = () =>
      createChannel<unknown, unknown, Wire>(
        { key: 'k', createWire: (env) => new Wire(manual.driver, env) },
        { hub, env: fakePage().env },
      );
    const first = make();
    const onClose = vi.fn();
    first.setOptions({ onClose });
    first.connect();
    manual.current.fail(new TidingsError('auth', 'HTTP 401', { status: 401, retryable: false }));
    expect(first.getState().status).toBe('closed');
    await Promise.resolve();
    expect(hub.keys()).toEqual([]);

    const second = make();
    second.connect();
    expect(manual.attempts).toHaveLength(2);
    manual.current.opened();
    expect(second.getState().status).toBe('open');
    expect(first.getState().status).toBe('closed');
    expect(onClose).toHaveBeenCalledTimes(1);
    // A new listener does not reopen it either; only connect() does.
    first.subscribe(() => {});
    expect(first.getState().status).toBe('closed');
    first.connect();
    expect(first.getState().status).toBe('open');
    second.close();
    first.close();
  });
});
