import {
  type Channel,
  type ChannelState,
  type ConsumerOptions,
  getDefaultHub,
  type Hub,
  type Status,
  type TidingsError,
} from '@tidings/core';
import { identityKey } from '@tidings/core/binding';
import {
  computed,
  getCurrentScope,
  onScopeDispose,
  type ShallowRef,
  shallowReadonly,
  shallowRef,
  watch,
} from 'vue';
import { useTidingsHub } from './plugin';

/** A `ShallowRef` the caller can read and watch but not assign. */
export type ReadonlyShallowRef<T> = Readonly<ShallowRef<T>>;

/** What every composable returns: the channel state as read-only shallow refs, plus its verbs. */
export interface UseChannelReturn<TData> {
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
}

/** How a composable describes its transport to {@link useChannel}. */
export interface ChannelBinding<TMessage, TData, TChannel extends Channel<TMessage, TData>> {
  /**
   * Everything that changes the wire (URL, wire options, hub), read reactively. Function-valued
   * wire options bound through core's `latest` must be left out, or every inline closure reconnects.
   */
  identity: () => unknown;
  /** Builds the channel from the current inputs; called once per identity. */
  create: (hub: Hub) => TChannel;
  /** The consumer options (callbacks, parse, reduce), read reactively; changes never reconnect. */
  consumer: () => ConsumerOptions<TMessage, TData>;
  /** An explicit hub from the options, read reactively. */
  hub?: () => Hub | undefined;
}

/**
 * The generic binding every composable is built on: one core channel per wire identity, its state
 * mirrored into shallow refs, disposed with the current effect scope (component or `effectScope`).
 * A change of identity closes the old channel and opens a new one exactly once; a change of a
 * consumer option is pushed with `setOptions` and never reconnects.
 */
export function useChannel<TMessage, TData, TChannel extends Channel<TMessage, TData>>(
  binding: ChannelBinding<TMessage, TData, TChannel>,
): UseChannelReturn<TData> & { channel: ReadonlyShallowRef<TChannel> } {
  // inject() only works during setup, so the provided hub is looked up now, not at reconnect time.
  const provided = useTidingsHub();
  const hubOf = () => binding.hub?.() ?? provided ?? getDefaultHub();

  const key = computed(() => identityKey([binding.identity(), hubOf()]));
  const consumer = computed(() => binding.consumer());

  const channel = shallowRef() as ShallowRef<TChannel>;
  const data = shallowRef<TData | undefined>();
  const error = shallowRef<TidingsError | null>(null);
  const status = shallowRef<Status>('idle');
  const attempt = shallowRef(0);
  const received = shallowRef(0);
  const cursor = shallowRef<string | undefined>();

  function mirror(state: ChannelState<TData>): void {
    // Assigning an unchanged value to a shallowRef triggers nothing, so no diffing is needed here.
    data.value = state.data;
    error.value = state.error;
    status.value = state.status;
    attempt.value = state.attempt;
    received.value = state.received;
    cursor.value = state.cursor;
  }

  let teardown: (() => void) | undefined;

  function open(): void {
    teardown?.();
    const current = binding.create(hubOf());
    channel.value = current;
    // Callbacks of a channel that is no longer current are ignored (stale-socket guard).
    const unsubscribe = current.subscribe(() => {
      if (channel.value === current) mirror(current.getState());
    });
    mirror(current.getState());
    teardown = () => {
      unsubscribe();
      // Still attached after the last listener left means connect()/reconnect() pinned it.
      const { status: left } = current.getState();
      if (left !== 'idle' && left !== 'closed') current.close();
    };
  }

  watch(key, open, { immediate: true });
  // Sync flush: a new callback is in place before the next message, never a stale one.
  watch(consumer, (next) => channel.value.setOptions(next), { flush: 'sync' });

  if (getCurrentScope()) {
    onScopeDispose(() => {
      teardown?.();
      teardown = undefined;
    });
  }

  return {
    channel: readonlyRef(channel),
    data: readonlyRef(data),
    error: readonlyRef(error),
    status: readonlyRef(status),
    attempt: readonlyRef(attempt),
    received: readonlyRef(received),
    cursor: readonlyRef(cursor),
    close: () => channel.value.close(),
    reconnect: () => channel.value.reconnect(),
  };
}

function readonlyRef<T>(ref: ShallowRef<T>): ReadonlyShallowRef<T> {
  return shallowReadonly(ref) as ReadonlyShallowRef<T>;
}
