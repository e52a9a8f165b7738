import type { ChannelState, Hub } from '@tidings/core';
import {
  type AnyChannel,
  type BindableChannel,
  bindLatest,
  identityKey,
  type RawOf,
  splitOptions,
  wireIdentity,
} from '@tidings/core/binding';
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTidingsHub } from './TidingsProvider';
import { useDevWarnings } from './useDevWarnings';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';

/** What every hook returns besides its transport verb. */
export interface UseChannelReturn<TData, TChannel = AnyChannel<TData>> extends ChannelState<TData> {
  /**
   * The hook's channel: the same object for as long as the wire's identity stays the same, so it
   * can be handed on (`useLiveQuery({ live: channel })`) without opening a second connection.
   */
  channel: TChannel;
  /** Closes the connection for good (until `reconnect()`); stops every retry. Stable. */
  close(): void;
  /** Drops the connection and reconnects now, skipping any wait; reopens after `close()`. Stable. */
  reconnect(): void;
  /**
   * The escape hatch: the live underlying client (typed per transport), or undefined while not
   * connected. Read it when you need what tidings does not wrap; never close it or replace its
   * handlers (that bypasses the wire): use `close()` / `reconnect()`. Stable.
   */
  raw(): RawOf<TChannel> | undefined;
}

/**
 * A hook's return when `initial` is given: `data` starts as `initial` and is never `undefined`
 * (`reduce` folds from it, and without `reduce` every message replaces it).
 */
export type WithInitialData<TReturn, TData> = Omit<TReturn, 'data'> & { data: TData };

/** The result of {@link useChannel}: the rendered state and a stable getter of the live channel. */
export interface ChannelBinding<TData, TChannel> {
  state: ChannelState<TData>;
  /** The channel of the last commit; stable across renders, for building stable verbs. */
  current: () => TChannel;
  /** The channel of this render: one object per wire identity (and hub). */
  channel: TChannel;
  /**
   * Development only: `useChannelReturn` calls it when the app reads `error`, so that a `config`
   * error nobody reads or handles is warned about. Undefined in production.
   */
  errorRead?: () => void;
}

export type { AnyChannel, BindableChannel };

// Where a function source sits among the latest closures; no option has this name.
const sourceSlot = '$source';

/**
 * The generic binding every hook is built on, in the manner of TanStack Query: a channel per wire
 * identity, `useSyncExternalStore` over it, the latest consumer options pushed with a layout
 * effect. Exported for custom transports built on `@tidings/core`.
 *
 * - Identity = `transport` + the source + every wire option (everything but callbacks, `parse`,
 *   `reduce`, `notify`, `initial`, `env`, `hub`), compared by value: an inline `{ topics: ['a'] }` literal
 *   does not reconnect, a changed value does, once.
 * - Function-valued wire options (at any depth, and a function source) are wrapped in a stable
 *   function that calls the latest closure, so inline fetchers, header getters and a heartbeat's
 *   `pong` never reconnect.
 *
 * @example
 * const { state, current } = useChannel('polling', createPolling, '/api/notifications', { interval: 5000 });
 */
export function useChannel<
  TData,
  TSource,
  TOptions extends { hub?: Hub },
  TChannel extends BindableChannel<TData>,
>(
  transport: string,
  factory: (source: TSource, options: TOptions) => TChannel,
  source: TSource,
  options: TOptions | undefined,
  /** Consumer options of this transport beyond the common ones (Socket.IO's `onRecover`). */
  extraConsumerKeys: readonly string[] = [],
): ChannelBinding<TData, TChannel> {
  const contextHub = useTidingsHub();
  const hub = options?.hub ?? contextHub;
  // The closures of the last commit: what the stable wrappers of function-valued options call.
  const latestInputs = useRef<Record<string, unknown>>({});
  const [wrappers] = useState(() => new Map<string, (...args: unknown[]) => unknown>());

  const { consumer, wire } = splitOptions(options, extraConsumerKeys);
  const identity = wireIdentity(source, wire) as [unknown, Record<string, unknown>];
  const key = identityKey([transport, identity]);

  const inputs = { ...wire, [sourceSlot]: source };

  // Creating a channel has no side effects (it connects on its first listener), so doing it in
  // render is safe, and a second instance from a StrictMode double render is simply dropped.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` captures every wire option by value
  const channel = useMemo(() => {
    const read = (name: string) => latestInputs.current[name];
    const { [sourceSlot]: boundSource, ...boundWire } = bindLatest(inputs, read, wrappers);
    return factory(boundSource as TSource, { ...options, ...boundWire, hub } as TOptions);
  }, [key, hub]);

  const current = useRef(channel);
  useIsomorphicLayoutEffect(() => {
    latestInputs.current = inputs;
    current.current = channel;
    channel.setOptions(consumer as never);
  });

  // Unsubscribing is the component letting go (unmount, StrictMode's rehearsal, a new identity).
  // Still attached once this last listener left means a verb pinned it (a manual stream's
  // `start()`, `connect()`): it ends with the component, as in @tidings/vue, instead of streaming
  // on for nobody and holding one of the browser's few connections per host.
  const subscribe = useCallback(
    (onChange: () => void) => {
      const unsubscribe = channel.subscribe(onChange);
      return () => {
        unsubscribe();
        const { status } = channel.getState();
        if (status !== 'idle' && status !== 'closed') channel.close();
      };
    },
    [channel],
  );
  const state = useSyncExternalStore(subscribe, channel.getState, channel.getState);
  const [getCurrent] = useState(() => () => current.current);

  const errorRead =
    process.env.NODE_ENV !== 'production'
      ? // biome-ignore lint/correctness/useHookAtTopLevel: fixed per build, so every render calls the same hooks
        useDevWarnings(transport, identity, state, consumer.onError !== undefined)
      : undefined;
  return { state, current: getCurrent, channel, errorRead };
}

/** Builds the common return object; verbs come from `current` so they are stable. */
export function useChannelReturn<
  TData,
  TChannel extends Pick<BindableChannel<TData>, 'close' | 'reconnect' | 'raw'>,
  TVerbs,
>(
  binding: ChannelBinding<TData, TChannel>,
  verbs: (current: () => TChannel) => TVerbs,
): UseChannelReturn<TData, TChannel> & TVerbs {
  const { state, current, channel, errorRead } = binding;
  const [stableVerbs] = useState(() => ({
    close: () => current().close(),
    reconnect: () => current().reconnect(),
    raw: () => current().raw?.() as RawOf<TChannel> | undefined,
    ...verbs(current),
  }));
  return useMemo(() => {
    const result = { ...state, ...stableVerbs, channel };
    if (process.env.NODE_ENV !== 'production' && errorRead) {
      // A getter that notes the read, so an unread `config` error can be warned about.
      Object.defineProperty(result, 'error', {
        enumerable: true,
        get: () => {
          errorRead();
          return state.error;
        },
      });
    }
    return result;
  }, [state, stableVerbs, channel, errorRead]);
}
