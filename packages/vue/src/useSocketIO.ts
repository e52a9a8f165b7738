import type { SendReceipt } from '@tidings/core';
import { transportConsumerOptionKeys } from '@tidings/core/binding';
import {
  createSocketIO,
  type SocketIOChannel,
  type SocketIOEventArgs,
  type SocketIOEvents,
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
  type WithInitialData,
} from './useChannel';

/**
 * Options of {@link useSocketIO}: every `createSocketIO` option. Callbacks and `onRecover`, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UseSocketIOOptions<TMessage, TData = SocketIOMessage<TMessage>> = SocketIOOptions<
  TMessage,
  TData
>;

/** `TEmits` (`SocketIOEvents`) types `emit()`; it is not checked at run time. */
export interface UseSocketIOReturn<
  TData,
  TEmits extends object = SocketIOEvents,
  TMessage = unknown,
> extends UseChannelReturn<TData, SocketIOChannel<TMessage, TData, TEmits>> {
  /**
   * Emits like socket.io-client (a trailing function is the ack); queued while disconnected.
   * Returns the channel's send receipt (`status`, settled with the event's fate).
   */
  emit<TEvent extends keyof TEmits & string>(
    event: TEvent,
    ...args: SocketIOEventArgs<TEmits, TEvent>
  ): SendReceipt;
  /**
   * Emits; the receipt resolves with every argument of the server's ack, or rejects with a
   * `timeout` error after `ackTimeout`.
   */
  emitWithAck<TEvent extends keyof TEmits & string>(
    event: TEvent,
    ...args: SocketIOEventArgs<TEmits, TEvent>
  ): SendReceipt<unknown[]>;
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
export function useSocketIO<
  TMessage = unknown,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
>(
  url: MaybeRefOrGetter<string>,
  options: MaybeRefOrGetter<UseSocketIOOptions<TMessage, TData> & { initial: TData }>,
): WithInitialData<UseSocketIOReturn<TData, TEmits, TMessage>, TData>;
export function useSocketIO<
  TMessage = unknown,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
>(
  url: MaybeRefOrGetter<string>,
  options?: MaybeRefOrGetter<UseSocketIOOptions<TMessage, TData> | undefined>,
): UseSocketIOReturn<TData, TEmits, TMessage>;
export function useSocketIO<
  TMessage = unknown,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
>(
  url: MaybeRefOrGetter<string>,
  options?: MaybeRefOrGetter<UseSocketIOOptions<TMessage, TData> | undefined>,
): UseSocketIOReturn<TData, TEmits, TMessage> {
  const binding = useChannel<
    TData,
    string,
    UseSocketIOOptions<TMessage, TData>,
    SocketIOChannel<TMessage, TData, TEmits>
  >('socketIO', createSocketIO, () => toValue(url), options, transportConsumerOptionKeys.socketIO);
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
    emit: (<TEvent extends keyof TEmits & string>(
      event: TEvent,
      ...args: SocketIOEventArgs<TEmits, TEvent>
    ) => current().emit(event, ...args)) as UseSocketIOReturn<TData, TEmits, TMessage>['emit'],
    emitWithAck: (<TEvent extends keyof TEmits & string>(
      event: TEvent,
      ...args: SocketIOEventArgs<TEmits, TEvent>
    ) => current().emitWithAck(event, ...args)) as UseSocketIOReturn<
      TData,
      TEmits,
      TMessage
    >['emitWithAck'],
  }));
}
