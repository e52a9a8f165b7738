import type { SendReceipt } from '@tidings/core';
import {
  createSocketIO,
  type SocketIOChannel,
  type SocketIOMessage,
  type SocketIOOptions,
} from '@tidings/core/socket-io';
import { type MaybeRefOrGetter, shallowRef, toValue, watch } from 'vue';
import {
  type ReadonlyShallowRef,
  readonlyRef,
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
} from './useChannel';

/**
 * Options of {@link useSocketIO}: every `createSocketIO` option. `events` and `transports` (by
 * value), `namespace`, `auth` (by value; a function is always called fresh and never reconnects),
 * `path`, `query`, `withCredentials`, `extraHeaders` and `ioOptions` (by value), `ackTimeout`,
 * `queue`, `enabled`, `reconnect`, `share`, `notify` and `hub` change the wire (a
 * change reconnects once); callbacks (`onRecover` too), `parse` (applied to each argument) and
 * `reduce` never reconnect.
 */
export type UseSocketIOOptions<TMessage, TData = SocketIOMessage<TMessage>> = SocketIOOptions<
  TMessage,
  TData
>;

/** The socket.io-client `Socket` under a Socket.IO channel (its `raw()`). */
type SocketOf = NonNullable<ReturnType<SocketIOChannel<unknown>['raw']>>;

export interface UseSocketIOReturn<TData> extends UseChannelReturn<TData, SocketOf> {
  /**
   * Emits like socket.io-client (a trailing function is the ack); queued while disconnected.
   * Returns the channel's send receipt (`status`, settled with the event's fate).
   */
  emit(event: string, ...args: unknown[]): SendReceipt;
  /**
   * Emits; the receipt resolves with every argument of the server's ack, or rejects with a
   * `timeout` error after `ackTimeout`.
   */
  emitWithAck(event: string, ...args: unknown[]): SendReceipt<unknown[]>;
  /**
   * True when the last (re)connect restored the previous Socket.IO session (connection state
   * recovery: nothing was missed); false before the first connect, after a reconnect that did not
   * restore it, and while closed. The channel's `recovered`, read on every state change (every
   * (re)connect changes the status), as in `@tidings/react`.
   */
  recovered: ReadonlyShallowRef<boolean>;
}

/**
 * Socket.IO (socket.io-client, loaded lazily) with connection state recovery. A message is
 * `{ event, args }`.
 *
 * @example
 * const { data, emit } = useSocketIO<Notification>('https://api.example.com', {
 *   events: ['notification'],
 * });
 * emit('chat', { text: 'hi' });
 */
export function useSocketIO<TMessage = unknown, TData = SocketIOMessage<TMessage>>(
  url: MaybeRefOrGetter<string>,
  options?: MaybeRefOrGetter<UseSocketIOOptions<TMessage, TData> | undefined>,
): UseSocketIOReturn<TData> {
  const binding = useChannel<
    TData,
    string,
    UseSocketIOOptions<TMessage, TData>,
    SocketIOChannel<TMessage, TData>
  >('socketIO', createSocketIO, () => toValue(url), options, ['onRecover']);
  const recovered = shallowRef(false);
  // Read from the channel on every state change, as @tidings/react reads it on every render.
  watch(
    binding.state,
    () => {
      recovered.value = binding.current().recovered;
    },
    { flush: 'sync', immediate: true },
  );
  return useChannelReturn(binding, (current) => ({
    recovered: readonlyRef(recovered),
    emit: (event: string, ...args: unknown[]) => current().emit(event, ...args),
    emitWithAck: (event: string, ...args: unknown[]) => current().emitWithAck(event, ...args),
  }));
}
