import type { SendReceipt } from '@tidings/core';
import {
  createSocketIO,
  type SocketIOChannel,
  type SocketIOMessage,
  type SocketIOOptions,
} from '@tidings/core/socket-io';
import { type MaybeRefOrGetter, shallowReadonly, shallowRef, toValue, watch } from 'vue';
import type { ReadonlyShallowRef, UseChannelReturn } from './useChannel';
import { useTransport } from './useTransport';

/**
 * Options of {@link useSocketIO}: every `createSocketIO` option. `events` and `transports` (by
 * value), `namespace`, `auth` (by value; a function is always called fresh and never reconnects),
 * `path`, `query`, `withCredentials`, `extraHeaders` and `ioOptions` (by value), `ackTimeout`,
 * `queue`, `enabled`, `reconnect`, `share`, `notify` and `hub` change the wire (a
 * change reconnects once); callbacks (`onRecover` too), `parse` (applied to each argument) and
 * `reduce` never reconnect.
 */
export type UseSocketIOOptions<TArg, TData = SocketIOMessage<TArg>> = SocketIOOptions<TArg, TData>;

export interface UseSocketIOReturn<TData> extends UseChannelReturn<TData> {
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
   * recovery: nothing was missed). Set when the channel reports the recovery (`onRecover`) and
   * re-read from the channel on every status change, so a reconnect without recovery clears it.
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
export function useSocketIO<TArg = unknown, TData = SocketIOMessage<TArg>>(
  url: MaybeRefOrGetter<string>,
  options?: MaybeRefOrGetter<UseSocketIOOptions<TArg, TData> | undefined>,
): UseSocketIOReturn<TData> {
  const recovered = shallowRef(false);
  const read = () => toValue(options);
  // A stable `onRecover` (bound once, like every function-valued option) that also calls the
  // caller's latest one.
  const markRecovered = () => {
    recovered.value = true;
    read()?.onRecover?.();
  };
  const { channel, ...binding } = useTransport<
    SocketIOMessage<TArg>,
    TData,
    string,
    UseSocketIOOptions<TArg, TData>,
    SocketIOChannel<TArg, TData>
  >(
    () => toValue(url),
    () => ({ ...read(), onRecover: markRecovered }),
    createSocketIO,
  );
  watch(
    [channel, binding.status],
    () => {
      recovered.value = channel.value.recovered;
    },
    { flush: 'sync', immediate: true },
  );
  return {
    ...binding,
    recovered: shallowReadonly(recovered) as ReadonlyShallowRef<boolean>,
    emit: (event, ...args) => channel.value.emit(event, ...args),
    emitWithAck: (event, ...args) => channel.value.emitWithAck(event, ...args),
  };
}
