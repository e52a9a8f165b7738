import type { SendReceipt } from '@tidings/core';
import {
  createSocketIO,
  type SocketIOChannel,
  type SocketIOMessage,
  type SocketIOOptions,
} from '@tidings/core/socket-io';
import { useMemo } from 'react';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

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

/** The socket.io-client `Socket` under a Socket.IO channel (its `raw()`). */
type SocketOf = NonNullable<ReturnType<SocketIOChannel<unknown>['raw']>>;

export interface UseSocketIOReturn<TData> extends UseChannelReturn<TData, SocketOf> {
  /**
   * Emits like socket.io-client (a trailing function is the ack callback); queued while
   * disconnected. Returns the channel's send receipt (`status`, settled with the event's fate).
   * Stable.
   */
  emit(event: string, ...args: unknown[]): SendReceipt;
  /** Emits; the receipt resolves with every argument of the server's ack. Stable. */
  emitWithAck(event: string, ...args: unknown[]): SendReceipt<unknown[]>;
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
export function useSocketIO<TMessage = unknown, TData = SocketIOMessage<TMessage>>(
  url: string,
  options?: UseSocketIOOptions<TMessage, TData>,
): UseSocketIOReturn<TData> {
  const binding = useChannel<
    TData,
    string,
    SocketIOOptions<TMessage, TData>,
    SocketIOChannel<TMessage, TData>
  >('socketIO', createSocketIO, url, options, ['onRecover']);
  const base = useChannelReturn(binding, (current) => ({
    emit: (event: string, ...args: unknown[]) => current().emit(event, ...args),
    emitWithAck: (event: string, ...args: unknown[]) => current().emitWithAck(event, ...args),
  }));
  const recovered = binding.current().recovered;
  return useMemo(() => ({ ...base, recovered }), [base, recovered]);
}
