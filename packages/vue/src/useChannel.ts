import {
  type ChannelState,
  getDefaultHub,
  type Hub,
  type Status,
  type TidingsError,
} from '@tidings/core';
import {
  type AnyChannel,
  type BindableChannel,
  bindLatest,
  identityKey,
  isUrlGetterSource,
  latest,
  type RawOf,
  splitOptions,
  wireIdentity,
} from '@tidings/core/binding';
import {
  computed,
  getCurrentScope,
  type MaybeRefOrGetter,
  onScopeDispose,
  type ShallowRef,
  shallowReadonly,
  shallowRef,
  toValue,
  watch,
} from 'vue';
import { devWarnings } from './devWarnings';
import { useTidingsHub } from './plugin';

/** A `ShallowRef` the caller can read and watch but not assign. */
export type ReadonlyShallowRef<T> = Readonly<ShallowRef<T>>;

/** What every composable returns besides its transport verb: the state as read-only shallow refs. */
export interface UseChannelReturn<TData, TChannel = AnyChannel<TData>> {
  /**
   * The composable's channel: the same object for as long as the wire's identity stays the same (a
   * new identity replaces it), so it can be handed on (`useLiveQuery({ live: channel })`) without
   * opening a second connection.
   */
  channel: ReadonlyShallowRef<TChannel>;
  /** Last message, or the reduced value when `reduce` is given. */
  data: ReadonlyShallowRef<TData | undefined>;
  /** Last error; cleared on the next successful open or response. */
  error: ReadonlyShallowRef<TidingsError | null>;
  status: ReadonlyShallowRef<Status>;
  /** Failed attempts since the last successful open. */
  attempt: ReadonlyShallowRef<number>;
  /** Messages delivered so far (monotonic, counts identical payloads too). */
  received: ReadonlyShallowRef<number>;
  /** Resume position (SSE last event id, long-poll cursor, WebSocket message id). */
  cursor: ReadonlyShallowRef<string | undefined>;
  /** Closes the connection for good (until `reconnect()`), stopping every retry. */
  close(): void;
  /** Drops and reconnects now, skipping any wait; also reopens after `close()`. */
  reconnect(): void;
  /**
   * The escape hatch: the live underlying client (typed per transport), or undefined while not
   * connected. Read it when you need what tidings does not wrap; never close it or replace its
   * handlers (that bypasses the wire): use `close()` / `reconnect()`.
   */
  raw(): RawOf<TChannel> | undefined;
}

/**
 * A composable's return when `initial` is given: `data` starts as `initial` and is never
 * `undefined` (`reduce` folds from it, and without `reduce` every message replaces it).
 */
export type WithInitialData<TReturn, TData> = Omit<TReturn, 'data'> & {
  data: ReadonlyShallowRef<TData>;
};

/** The result of {@link useChannel}: the channel's state and a getter of the live channel. */
export interface ChannelBinding<TData, TChannel> {
  /** The channel's state snapshot, replaced (never mutated) on every change. */
  state: ReadonlyShallowRef<ChannelState<TData>>;
  /** The live channel, read reactively (a new identity makes a new one), for building verbs. */
  current: () => TChannel;
  /** The live channel as a read-only ref: replaced only when the wire's identity changes. */
  channel: ReadonlyShallowRef<TChannel>;
  /**
   * Development only: `useChannelReturn` calls it when the app reads `error`, so that a `config`
   * error nobody reads or handles is warned about. Undefined in production.
   */
  errorRead?: () => void;
}

export type { AnyChannel, BindableChannel };

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * The generic binding every composable is built on, the counterpart of `useChannel` in
 * `@tidings/react`: one channel per wire identity, its state mirrored into a shallow ref, disposed
 * with the current effect scope (component or `effectScope`). Exported for custom transports built
 * on `@tidings/core/transport`.
 *
 * - Identity = `transport` + the source + every wire option (everything but callbacks, `parse`,
 *   `reduce`, `notify`, `initial`, `env`, `hub`), compared by value; with the hub, by reference. A change of
 *   identity closes the old channel and opens a new one exactly once.
 * - Consumer options are pushed with `setOptions` (sync flush) and never reconnect.
 * - Function-valued wire options (at any depth, and a function source) are bound to the latest
 *   closure, so inline fetchers, header getters and a heartbeat's `pong` never reconnect.
 *
 * `source` is a getter, read reactively: a plain function could not otherwise be told from a
 * fetcher source.
 *
 * @example
 * const binding = useChannel('polling', createPolling, () => toValue(url), options);
 * return useChannelReturn(binding, (current) => ({ refresh: () => current().refresh() }));
 */
export function useChannel<
  TData,
  TSource,
  TOptions extends { hub?: Hub },
  TChannel extends BindableChannel<TData>,
>(
  transport: string,
  factory: (source: TSource, options: TOptions) => TChannel,
  source: () => TSource,
  options: MaybeRefOrGetter<TOptions | undefined>,
  /** Consumer options of this transport beyond the common ones (Socket.IO's `onRecover`). */
  extraConsumerKeys: readonly string[] = [],
): ChannelBinding<TData, TChannel> {
  // inject() only works during setup, so the provided hub is looked up now, not at reconnect time.
  const provided = useTidingsHub();
  const read = (): TOptions => toValue(options) ?? ({} as TOptions);
  const hubOf = () => read().hub ?? provided ?? getDefaultHub();
  const split = computed(() => splitOptions(read(), extraConsumerKeys));
  const channel = shallowRef() as ShallowRef<TChannel>;
  const state = shallowRef() as ShallowRef<ChannelState<TData>>;
  const dev =
    process.env.NODE_ENV !== 'production'
      ? devWarnings(transport, state, () => split.value.consumer.onError !== undefined)
      : undefined;
  const key = computed(() => {
    const identity = wireIdentity(source(), split.value.wire) as [unknown, Record<string, unknown>];
    if (process.env.NODE_ENV !== 'production') dev?.identity(identity);
    return identityKey([transport, identity, hubOf()]);
  });

  let teardown: (() => void) | undefined;

  function open(): void {
    teardown?.();
    const bound = bindLatest(split.value.wire, (name) => (read() as Record<string, unknown>)[name]);
    const given = source();
    // A fetcher source is bound like any function option: a new closure does not reconnect.
    const boundSource =
      typeof given === 'function'
        ? (latest(() => source() as AnyFunction) as TSource)
        : isUrlGetterSource(given)
          ? // `{ url: getter }` (polling, long polling): the getter too is bound to the latest.
            ({ ...given, url: latest(() => (source() as { url: AnyFunction }).url) } as TSource)
          : given;
    const created = factory(boundSource, { ...read(), ...bound, hub: hubOf() } as TOptions);
    channel.value = created;
    // Callbacks of a channel that is no longer current are ignored (stale-socket guard).
    const unsubscribe = created.subscribe(() => {
      if (channel.value === created) state.value = created.getState();
    });
    state.value = created.getState();
    teardown = () => {
      unsubscribe();
      // Still attached after the last listener left means connect()/reconnect() pinned it.
      const { status } = created.getState();
      if (status !== 'idle' && status !== 'closed') created.close();
    };
  }

  watch(key, open, { immediate: true });
  // Sync flush: a new callback is in place before the next message, never a stale one.
  watch(
    () => split.value.consumer,
    (next) => channel.value.setOptions(next as never),
    { flush: 'sync' },
  );

  if (getCurrentScope()) {
    onScopeDispose(() => {
      teardown?.();
      teardown = undefined;
    });
  }

  return {
    state: readonlyRef(state),
    current: () => channel.value,
    channel: readonlyRef(channel),
    errorRead: dev?.errorRead,
  };
}

/**
 * Builds the common return object, as `useChannelReturn` in `@tidings/react`: the state as one
 * read-only shallow ref per field (a field's watchers run only when it changes), `close`,
 * `reconnect` and the transport's verbs, which reach the live channel through `current`.
 */
export function useChannelReturn<
  TData,
  TChannel extends Pick<BindableChannel<TData>, 'close' | 'reconnect' | 'raw'>,
  TVerbs,
>(
  binding: ChannelBinding<TData, TChannel>,
  verbs: (current: () => TChannel) => TVerbs,
): UseChannelReturn<TData, TChannel> & TVerbs {
  const { state, current, channel, errorRead } = binding;
  const data = shallowRef<TData | undefined>();
  const error = shallowRef<TidingsError | null>(null);
  const status = shallowRef<Status>('idle');
  const attempt = shallowRef(0);
  const received = shallowRef(0);
  const cursor = shallowRef<string | undefined>();
  watch(
    state,
    (next) => {
      // Assigning an unchanged value to a shallowRef triggers nothing, so no diffing is needed.
      data.value = next.data;
      error.value = next.error;
      status.value = next.status;
      attempt.value = next.attempt;
      received.value = next.received;
      cursor.value = next.cursor;
    },
    { flush: 'sync', immediate: true },
  );
  return {
    channel,
    data: readonlyRef(data),
    error:
      process.env.NODE_ENV !== 'production' && errorRead
        ? // A ref that notes the read, so an unread `config` error can be warned about.
          (computed(() => {
            errorRead();
            return error.value;
          }) as ReadonlyShallowRef<TidingsError | null>)
        : readonlyRef(error),
    status: readonlyRef(status),
    attempt: readonlyRef(attempt),
    received: readonlyRef(received),
    cursor: readonlyRef(cursor),
    close: () => current().close(),
    reconnect: () => current().reconnect(),
    raw: () => current().raw?.() as RawOf<TChannel> | undefined,
    ...verbs(current),
  };
}

export function readonlyRef<T>(ref: ShallowRef<T>): ReadonlyShallowRef<T> {
  return shallowReadonly(ref) as ReadonlyShallowRef<T>;
}
