import {
  createWebSocket,
  type SendReceipt,
  type SocketUrlGetter,
  type WebSocketChannel,
  type WebSocketOptions,
} from '@tidings/core';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useWebSocket}: every `createWebSocket` option. The URL, `protocols`,
 * `heartbeat`, `queue`, `enabled`, `reconnect`, `share`, `pauseWhenHidden`, `notify` and the hub
 * change the wire (compared by value; a change reconnects once); callbacks, `parse` and `reduce`
 * are always the latest and never reconnect; `initial` and `env` are read when the channel is made.
 */
export type UseWebSocketOptions<TMessage, TData = TMessage> = WebSocketOptions<TMessage, TData>;

export interface UseWebSocketReturn<TData> extends UseChannelReturn<TData, WebSocket> {
  /**
   * Sends a message (objects as JSON); queued while not open. Returns the channel's send receipt:
   * `status` 'sent' | 'queued' | 'refused', a Promise settled with the message's fate (an accepted
   * message that is lost is also reported `unsent` in `error`). Stable.
   */
  send(message: unknown): SendReceipt;
}

/**
 * A WebSocket with reconnect, resume from the last message id, a send queue and one shared socket
 * per URL.
 *
 * @example
 * const { data: messages = [], send, status } = useWebSocket<ChatMessage, ChatMessage[]>('/ws', {
 *   reduce: (list = [], m) => [...list, m].slice(-200),
 * });
 */
export function useWebSocket<TMessage = unknown, TData = TMessage>(
  /**
   * The socket URL, or a getter called before every connection (a token in the query that
   * expires; it may be async). An inline getter never reconnects: the latest one is called.
   */
  url: string | URL | SocketUrlGetter,
  options?: UseWebSocketOptions<TMessage, TData>,
): UseWebSocketReturn<TData> {
  const binding = useChannel<
    TData,
    string | URL | SocketUrlGetter,
    WebSocketOptions<TMessage, TData>,
    WebSocketChannel<TMessage, TData>
  >('webSocket', createWebSocket, url, options);
  return useChannelReturn(binding, (current) => ({
    send: (message: unknown) => current().send(message),
  }));
}
