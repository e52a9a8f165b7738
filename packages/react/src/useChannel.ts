import type { ChannelState, ConsumerOptions, Hub } from '@tidings/core';
import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTidingsHub } from './TidingsProvider';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';

/** What every hook returns besides its transport verb. */
export interface UseChannelReturn<TData> extends ChannelState<TData> {
  /** Closes the connection for good (until `reconnect()`); stops every retry. Stable. */
  close(): void;
  /** Drops the connection and reconnects now, skipping any wait; reopens after `close()`. Stable. */
  reconnect(): void;
}

/** The result of {@link useChannel}: the rendered state and a stable getter of the live channel. */
export interface ChannelBinding<TData, TChannel> {
  state: ChannelState<TData>;
  /** The channel of the last commit; stable across renders, for building stable verbs. */
  current: () => TChannel;
}

type AnyFunction = (...args: never[]) => unknown;

/** What the binding needs of a channel (every core factory's result fits). */
export interface BindableChannel<TData> {
  getState(): ChannelState<TData>;
  subscribe(onChange: () => void): () => void;
  close(): void;
  reconnect(): void;
  // `never`: any channel's own consumer-options type is accepted.
  setOptions(options: never): void;
}

// Options that belong to the consumer: pushed with `setOptions`, never part of the identity.
const consumerKeys = [
  'parse',
  'reduce',
  'onOpen',
  'onMessage',
  'onError',
  'onClose',
  'shouldReconnect',
] as const satisfies ReadonlyArray<keyof ConsumerOptions<unknown>>;
const consumerKeySet = new Set<string>(consumerKeys);
// Read once when the channel is created: `initial` and `env` are often inline literals, and a new
// literal on every render must not mean a new connection; `hub` is compared by identity instead.
const creationOnly = new Set(['initial', 'env', 'hub']);
const sourceSlot = '$source';

/**
 * The generic binding every hook is built on, in the manner of TanStack Query: a channel per wire
 * identity, `useSyncExternalStore` over it, the latest consumer options pushed with a layout
 * effect. Exported for custom transports built on `@tidings/core`.
 *
 * - Identity = `transport` + the source + every wire option (everything but callbacks, `parse`,
 *   `reduce`, `initial`, `env`, `hub`), compared by value: an inline `{ topics: ['a'] }` literal
 *   does not reconnect, a changed value does, once.
 * - Function-valued wire options (and a function source) are wrapped in a stable function that
 *   calls the latest closure, so inline fetchers and header getters never reconnect.
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
  const latestFunctions = useRef<Record<string, AnyFunction>>({});
  const [stableFunctions] = useState(() => new Map<string, AnyFunction>());

  const stable = (slot: string): AnyFunction => {
    let wrapper = stableFunctions.get(slot);
    if (!wrapper) {
      wrapper = (...args: never[]) => latestFunctions.current[slot]?.(...args);
      stableFunctions.set(slot, wrapper);
    }
    return wrapper;
  };

  // Split the options: wire options (with functions made stable) and the identity key.
  const functions: Record<string, AnyFunction> = {};
  const wireOptions: Record<string, unknown> = {};
  const identity: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options ?? {})) {
    if (consumerKeySet.has(name) || creationOnly.has(name) || extraConsumerKeys.includes(name))
      continue;
    if (typeof value === 'function') {
      functions[name] = value as AnyFunction;
      wireOptions[name] = stable(name);
      identity[name] = '[function]';
    } else {
      wireOptions[name] = value;
      identity[name] = value;
    }
  }
  let wireSource: unknown = source;
  let sourceIdentity: unknown = source instanceof URL ? String(source) : source;
  if (typeof source === 'function') {
    functions[sourceSlot] = source as AnyFunction;
    wireSource = stable(sourceSlot);
    sourceIdentity = '[function]';
  }
  const key = stableStringify([transport, sourceIdentity, identity]);

  // Creating a channel has no side effects (it connects on its first listener), so doing it in
  // render is safe, and a second instance from a StrictMode double render is simply dropped.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` captures every wire option by value
  const channel = useMemo(
    () =>
      factory(
        wireSource as TSource,
        {
          ...options,
          ...wireOptions,
          hub,
        } as TOptions,
      ),
    [key, hub],
  );

  const current = useRef(channel);
  useIsomorphicLayoutEffect(() => {
    latestFunctions.current = functions;
    current.current = channel;
    channel.setOptions(pickConsumer(options, extraConsumerKeys) as never);
  });

  const state = useSyncExternalStore(channel.subscribe, channel.getState, channel.getState);
  const [getCurrent] = useState(() => () => current.current);
  return { state, current: getCurrent };
}

/** Builds the common return object; verbs come from `current` so they are stable. */
export function useChannelReturn<
  TData,
  TChannel extends Pick<BindableChannel<TData>, 'close' | 'reconnect'>,
  TVerbs,
>(
  binding: ChannelBinding<TData, TChannel>,
  verbs: (current: () => TChannel) => TVerbs,
): UseChannelReturn<TData> & TVerbs {
  const { state, current } = binding;
  const [stableVerbs] = useState(() => ({
    close: () => current().close(),
    reconnect: () => current().reconnect(),
    ...verbs(current),
  }));
  return useMemo(() => ({ ...state, ...stableVerbs }), [state, stableVerbs]);
}

function pickConsumer(options: object | undefined, extra: readonly string[]): object {
  // Every consumer key is set, even to undefined, so removing a callback takes effect.
  const picked: Record<string, unknown> = {};
  const given = (options ?? {}) as Record<string, unknown>;
  for (const name of [...consumerKeys, ...extra]) picked[name] = given[name];
  return picked;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (
    Array.isArray(value) ||
    ((proto === Object.prototype || proto === null) && !(Symbol.toStringTag in value))
  );
}

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_name, part: unknown) => {
    if (part instanceof URL) return String(part);
    if (part && typeof part === 'object' && !isPlain(part)) {
      // A module, a class instance, a Blob: the same object is the same wire, by reference.
      let id = objectIds.get(part);
      if (id === undefined) {
        id = ++nextObjectId;
        objectIds.set(part, id);
      }
      return `[object ${id}]`;
    }
    if (part && typeof part === 'object' && !Array.isArray(part)) {
      const sorted: Record<string, unknown> = {};
      for (const name of Object.keys(part).sort())
        sorted[name] = (part as Record<string, unknown>)[name];
      return sorted;
    }
    if (typeof part === 'function') return '[function]';
    return part;
  });
}
