import { createHub, type Hub, TidingsError } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannel } from '../../packages/core/src/channel';
import type { ChannelOptions } from '../../packages/core/src/types';
import { fakePage } from './fakeEnv';
import { manualDriver, Wire } from './testDriver';

function channelOver<TMessage, TData = TMessage>(
  manual: ReturnType<typeof manualDriver>,
  options: ChannelOptions<TMessage, TData> & { hub: Hub },
  key = 'test:wire',
) {
  return createChannel<TMessage, TData, Wire>(
    { key, createWire: (env) => new Wire(manual.driver, env, { reconnect: { minDelay: 10 } }) },
    { env: fakePage().env, ...options },
  );
}

describe('channel (consumer)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers 1,000 messages in one tick with one notification, none collapsed', async () => {
    const manual = manualDriver();
    const reduce = vi.fn((sum: number | undefined, m: { n: number }) => (sum ?? 0) + m.n);
    const channel = channelOver<{ n: number }, number>(manual, {
      hub: createHub(),
      reduce,
      notify: 'microtask',
    });
    const notified = vi.fn();
    const messages: unknown[] = [];
    channel.subscribe(notified);
    channel.onMessage((m) => messages.push(m));
    manual.current.opened();
    await vi.advanceTimersByTimeAsync(0);
    notified.mockClear();
    for (let i = 0; i < 1000; i++) manual.current.frame({ raw: '{"n":1}', meta: {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(notified).toHaveBeenCalledTimes(1);
    expect(reduce).toHaveBeenCalledTimes(1000);
    expect(messages).toHaveLength(1000);
    expect(channel.getState()).toMatchObject({ received: 1000, data: 1000 });
  });

  it('notifies at most once per animation frame in a page', async () => {
    const manual = manualDriver();
    const frames: Array<() => void> = [];
    const page = fakePage();
    const channel = createChannel<string, string, Wire>(
      { key: 'k', createWire: (env) => new Wire(manual.driver, env) },
      {
        hub: createHub(),
        parse: 'text',
        env: { ...page.env, requestAnimationFrame: (fn) => frames.push(fn) },
      },
    );
    const notified = vi.fn();
    channel.subscribe(notified);
    manual.current.opened();
    for (let i = 0; i < 50; i++) manual.current.frame({ raw: `m${i}`, meta: {} });
    expect(notified).not.toHaveBeenCalled();
    expect(channel.getState().data).toBe('m49'); // the snapshot is current before the notification
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(notified).toHaveBeenCalledTimes(1);
  });

  it('gives a new snapshot object only when something changed', () => {
    const manual = manualDriver();
    const channel = channelOver<string>(manual, { hub: createHub(), parse: 'text' });
    channel.connect();
    const first = channel.getState();
    expect(channel.getState()).toBe(first);
    manual.current.frame({ raw: 'a', meta: {} });
    expect(channel.getState()).not.toBe(first);
  });

  it('reports a malformed frame as a parse error, skips it and keeps going', () => {
    const manual = manualDriver();
    const onError = vi.fn();
    const channel = channelOver<{ ok: boolean }>(manual, { hub: createHub(), onError });
    channel.connect();
    manual.current.opened();
    manual.current.frame({ raw: 'not json{', meta: { event: 'notification' } });
    expect(channel.getState()).toMatchObject({ status: 'open', received: 0 });
    expect(channel.getState().error).toBeInstanceOf(TidingsError);
    expect(channel.getState().error).toMatchObject({ kind: 'parse' });
    expect(channel.getState().error?.message).toContain('"notification" message');
    expect(onError).toHaveBeenCalledTimes(1);
    manual.current.frame({ raw: '{"ok":true}', meta: {} });
    expect(channel.getState()).toMatchObject({ data: { ok: true }, received: 1 });
  });

  it('clears the error on the next successful open', () => {
    const manual = manualDriver();
    const channel = channelOver(manual, { hub: createHub() });
    channel.connect();
    manual.current.frame({ raw: '{', meta: {} });
    expect(channel.getState().error).not.toBeNull();
    manual.current.opened();
    expect(channel.getState().error).toBeNull();
  });

  it('counts identical payloads separately', () => {
    const manual = manualDriver();
    const channel = channelOver<string>(manual, { hub: createHub(), parse: 'text' });
    const seen: string[] = [];
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    manual.current.frame({ raw: 'same', meta: {} });
    manual.current.frame({ raw: 'same', meta: {} });
    expect(seen).toEqual(['same', 'same']);
    expect(channel.getState().received).toBe(2);
  });

  it('uses the latest callbacks without reconnecting', () => {
    const manual = manualDriver();
    const first = vi.fn();
    const second = vi.fn();
    const channel = channelOver<string>(manual, {
      hub: createHub(),
      parse: 'text',
      onMessage: first,
    });
    channel.connect();
    channel.setOptions({ onMessage: second });
    manual.current.frame({ raw: 'x', meta: {} });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('x');
    expect(manual.attempts).toHaveLength(1);
  });

  it('keeps delivering when an app callback throws, and reports it', () => {
    const manual = manualDriver();
    const onError = vi.fn();
    const channel = channelOver<string>(manual, {
      hub: createHub(),
      parse: 'text',
      onError,
      onMessage: () => {
        throw new Error('app bug');
      },
    });
    const seen: string[] = [];
    channel.onMessage((m) => seen.push(m));
    channel.connect();
    manual.current.frame({ raw: 'a', meta: {} });
    expect(seen).toEqual(['a']);
    expect(onError.mock.calls[0]![0]).toMatchObject({
      kind: 'config',
      message: 'onMessage threw: app bug',
    });
    // The app's bug is told to onError, not made the connection's state.
    expect(channel.getState().error).toBeNull();
  });

  it('calls onOpen on every open and onClose when closed for good', () => {
    const manual = manualDriver();
    const onOpen = vi.fn();
    const onClose = vi.fn();
    const channel = channelOver(manual, { hub: createHub(), onOpen, onClose });
    channel.connect();
    manual.current.opened();
    channel.reconnect();
    manual.current.opened();
    expect(onOpen).toHaveBeenCalledTimes(2);
    channel.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(channel.getState().status).toBe('closed');
  });

  it('stays idle when disabled', () => {
    const manual = manualDriver();
    const channel = channelOver(manual, { hub: createHub(), enabled: false });
    channel.subscribe(() => {});
    channel.connect();
    expect(manual.attempts).toHaveLength(0);
    expect(channel.getState().status).toBe('idle');
  });

  it('reports a bad option as a config error instead of throwing', () => {
    const manual = manualDriver();
    const channel = createChannel<unknown, unknown, Wire>(
      {
        key: 'k',
        createWire: (env) => new Wire(manual.driver, env),
        validate: () => new TidingsError('config', 'interval must be positive'),
      },
      { hub: createHub(), env: fakePage().env },
    );
    expect(() => channel.connect()).not.toThrow();
    expect(channel.getState()).toMatchObject({ status: 'closed', error: { kind: 'config' } });
    expect(manual.attempts).toHaveLength(0);
  });
});

describe('connecting on demand', () => {
  it('connects on the first listener in a page and detaches after the last', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const channel = channelOver(manual, { hub });
    const off = channel.subscribe(() => {});
    expect(manual.attempts).toHaveLength(1);
    off();
    expect(channel.getState().status).toBe('idle');
    await Promise.resolve();
    expect(hub.keys()).toEqual([]);
    expect(manual.attempts[0]!.closed).toBe(true);
  });

  it('does not connect by itself outside a page (SSR, Node)', () => {
    const manual = manualDriver();
    const channel = channelOver(manual, {
      hub: createHub(),
      env: { window: undefined, document: undefined },
    });
    channel.subscribe(() => {});
    channel.onMessage(() => {});
    expect(manual.attempts).toHaveLength(0);
    channel.connect();
    expect(manual.attempts).toHaveLength(1);
  });

  it('stays closed after close() even when a listener subscribes, until connect()', () => {
    const manual = manualDriver();
    const channel = channelOver(manual, { hub: createHub() });
    channel.close();
    channel.subscribe(() => {});
    expect(manual.attempts).toHaveLength(0);
    channel.connect();
    expect(manual.attempts).toHaveLength(1);
  });
});

describe('lifecycle phases', () => {
  const fatal = () => new TidingsError('network', 'gone', { retryable: false });

  it('keeps holding after a failure interrupted connect(): reconnect() does not let go on unmount', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const channel = channelOver(manual, { hub });
    channel.connect();
    const off = channel.subscribe(() => {});
    manual.current.fail(fatal());
    expect(channel.getState().status).toBe('closed');
    channel.reconnect();
    expect(manual.attempts).toHaveLength(2);
    off();
    await Promise.resolve();
    expect(hub.keys()).toEqual(['test:wire']);
    expect(manual.attempts[1]!.closed).toBe(false);
    channel.close();
  });

  it('lets go on unmount when reconnect() reopens after close() for present listeners', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const channel = channelOver(manual, { hub });
    channel.connect();
    const off = channel.subscribe(() => {});
    channel.close();
    await Promise.resolve();
    channel.reconnect();
    expect(manual.attempts).toHaveLength(2);
    off();
    await Promise.resolve();
    expect(hub.keys()).toEqual([]);
    expect(manual.attempts[1]!.closed).toBe(true);
  });

  it('stays connected when onClose reconnects', () => {
    const manual = manualDriver();
    const channel = channelOver(manual, { hub: createHub(), share: false });
    let reopened = false;
    channel.setOptions({
      onClose: () => {
        if (reopened) return;
        reopened = true;
        channel.connect();
      },
    });
    channel.connect();
    channel.close();
    expect(manual.attempts).toHaveLength(2);
    expect(manual.attempts[1]!.closed).toBe(false);
    expect(channel.getState().status).toBe('connecting');
  });

  it('checks a bad option again on the next listener, reporting it each time', () => {
    const manual = manualDriver();
    const onError = vi.fn();
    const channel = createChannel<unknown, unknown, Wire>(
      {
        key: 'bad',
        createWire: (env) => new Wire(manual.driver, env),
        validate: () => new TidingsError('config', 'bad option', { retryable: false }),
      },
      { hub: createHub(), env: fakePage().env, onError },
    );
    const off = channel.subscribe(() => {});
    off();
    channel.onMessage(() => {});
    expect(onError).toHaveBeenCalledTimes(2);
    expect(channel.getState().status).toBe('closed');
    expect(manual.attempts).toHaveLength(0);
  });
});

describe('Hub sharing', () => {
  it('shares one wire among identical consumers, each with its own parse and reduce', () => {
    const manual = manualDriver();
    const hub = createHub();
    const texts = channelOver<string>(manual, { hub, parse: 'text' });
    const counts = channelOver<unknown, number>(manual, { hub, reduce: (n = 0) => n + 1 });
    texts.connect();
    counts.connect();
    expect(manual.attempts).toHaveLength(1);
    manual.current.frame({ raw: '{"a":1}', meta: {} });
    expect(texts.getState().data).toBe('{"a":1}');
    expect(counts.getState().data).toBe(1);
  });

  it('keeps the wire while any consumer remains and stops it after the last leaves', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const a = channelOver(manual, { hub });
    const b = channelOver(manual, { hub });
    a.connect();
    b.connect();
    a.close();
    await Promise.resolve();
    expect(manual.attempts[0]!.closed).toBe(false);
    expect(b.getState().status).toBe('connecting');
    b.close();
    await Promise.resolve();
    expect(manual.attempts[0]!.closed).toBe(true);
    expect(hub.keys()).toEqual([]);
  });

  it('survives mount → unmount → mount with one connection (StrictMode)', async () => {
    const manual = manualDriver();
    const hub = createHub();
    const channel = channelOver(manual, { hub });
    const off = channel.subscribe(() => {});
    off();
    channel.subscribe(() => {});
    await Promise.resolve();
    expect(manual.attempts).toHaveLength(1);
    expect(manual.attempts[0]!.closed).toBe(false);
  });

  it('does not share across different keys or with share: false', () => {
    const manual = manualDriver();
    const hub = createHub();
    channelOver(manual, { hub }, 'one').connect();
    channelOver(manual, { hub }, 'two').connect();
    channelOver(manual, { hub, share: false }, 'one').connect();
    expect(manual.attempts).toHaveLength(3);
  });

  it('catches a late consumer up with the shared wire status', () => {
    const manual = manualDriver();
    const hub = createHub();
    const first = channelOver(manual, { hub });
    first.connect();
    manual.current.opened();
    const late = channelOver(manual, { hub });
    late.connect();
    expect(late.getState().status).toBe('open');
  });
});
