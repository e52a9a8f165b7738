import type { SendReceipt } from '@tidings/core';
import {
  createSocketIO,
  type SocketIOChannel,
  type SocketIOEventArgs,
  type SocketIOEvents,
  type SocketIOMessage,
  type SocketIOOptions,
} from '@tidings/core/socket-io';
import { useMemo } from 'react';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';

/**
 * Options of {@link useSocketIO}: every `createSocketIO` option. The URL, `events` (by value),
 * `namespace`, `auth` (by value), `path`, `transports`, `query`, `withCredentials`,
 * `extraHeaders` and `ioOptions` (by value), `ackTimeout`, `queue`, `enabled`, `reconnect`,
 * `share`, `notify` and the hub change the wire; callbacks (`onRecover` too), `parse` (of each
 * argument), `reduce`, an `auth` function and an `io` loader are always the latest and never
 * reconnect.
 */
export type UseSocketIOOptions<TMessage, TData = SocketIOMessage<TMessage>> = SocketIOOptions<
  TMessage,
  TData
>;

/** `TEmits` (`SocketIOEvents`) types `emit()`; it is not checked at run time. */
export interface UseSocketIOReturn<TData, TEmits extends object = SocketIOEvents>
  extends UseChannelReturn<TData> {
  /**
   * Emits like socket.io-client (a trailing function is the ack callback); queued while
   * disconnected. Returns the channel's send receipt (`status`, settled with the event's fate).
   * Stable.
   */
  emit<TEvent extends keyof TEmits & string>(
    event: TEvent,
    ...args: SocketIOEventArgs<TEmits, TEvent>
  ): SendReceipt;
  /** Emits; the receipt resolves with every argument of the server's ack. Stable. */
  emitWithAck<TEvent extends keyof TEmits & string>(
    event: TEvent,
    ...args: SocketIOEventArgs<TEmits, TEvent>
  ): SendReceipt<unknown[]>;
  /**
   * True when the last (re)connect restored the previous Socket.IO session (connection state
   * recovery: nothing was missed); false before the first connect, after a reconnect that did not
   * restore it, and while closed. The channel's `recovered`, read on every state change (every
   * (re)connect changes the status, hence a render), as in `@tidings/vue`.
   */
  recovered: boolean;
}

/**
 * Socket.IO (socket.io-client, loaded lazily) with connection state recovery. `data` is the last
 * `{ event, args }`, or what `reduce` makes of them.
 *
 * @example
 * const { data, emit } = useSocketIO<ChatLine>('https://chat.example', { events: ['chat'] });
 * emit('chat', { text: 'hi' });
 */
export function useSocketIO<
  TMessage = unknown,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
>(
  url: string,
  options: UseSocketIOOptions<TMessage, TData> & { initial: TData },
): WithInitialData<UseSocketIOReturn<TData, TEmits>, TData>;
export function useSocketIO<
  TMessage = unknown,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
>(url: string, options?: UseSocketIOOptions<TMessage, TData>): UseSocketIOReturn<TData, TEmits>;
export function useSocketIO<
  TMessage = unknown,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
>(url: string, options?: UseSocketIOOptions<TMessage, TData>): UseSocketIOReturn<TData, TEmits> {
  const binding = useChannel<
    TData,
    string,
    SocketIOOptions<TMessage, TData>,
    SocketIOChannel<TMessage, TData, TEmits>
  >('socketIO', createSocketIO, url, options, ['onRecover']);
  const base = useChannelReturn(binding, (current) => ({
    emit: (<TEvent extends keyof TEmits & string>(
      event: TEvent,
      ...args: SocketIOEventArgs<TEmits, TEvent>
    ) => current().emit(event, ...args)) as UseSocketIOReturn<TData, TEmits>['emit'],
    emitWithAck: (<TEvent extends keyof TEmits & string>(
      event: TEvent,
      ...args: SocketIOEventArgs<TEmits, TEvent>
    ) => current().emitWithAck(event, ...args)) as UseSocketIOReturn<TData, TEmits>['emitWithAck'],
  }));
  const recovered = binding.current().recovered;
  return useMemo(() => ({ ...base, recovered }), [base, recovered]);
}
