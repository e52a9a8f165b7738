import {
  createWebSocket,
  type SendReceipt,
  type SocketUrlGetter,
  type WebSocketChannel,
  type WebSocketOptions,
} from '@tidings/core';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';

/**
 * Options of {@link useWebSocket}: every `createWebSocket` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UseWebSocketOptions<TMessage, TData = TMessage> = WebSocketOptions<TMessage, TData>;

/** `TSend` types what `send()` takes; it is not checked at run time. */
export interface UseWebSocketReturn<TData, TSend = unknown, TMessage = unknown>
  extends UseChannelReturn<TData, WebSocketChannel<TMessage, TData, TSend>> {
  /**
   * Sends a message (objects as JSON); queued while not open. Returns the channel's send receipt:
   * `status` 'sent' | 'queued' | 'refused', a Promise settled with the message's fate (an accepted
   * message that is lost is also reported `unsent` in `error`). Stable.
   */
  send(message: TSend): SendReceipt;
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
export function useWebSocket<TMessage = unknown, TData = TMessage, TSend = unknown>(
  /**
   * The socket URL, or a getter called before every connection (a token in the query that
   * expires; it may be async). An inline getter never reconnects: the latest one is called.
   */
  url: string | URL | SocketUrlGetter,
  options: UseWebSocketOptions<TMessage, TData> & { initial: TData },
): WithInitialData<UseWebSocketReturn<TData, TSend, TMessage>, TData>;
export function useWebSocket<TMessage = unknown, TData = TMessage, TSend = unknown>(
  url: string | URL | SocketUrlGetter,
  options?: UseWebSocketOptions<TMessage, TData>,
): UseWebSocketReturn<TData, TSend, TMessage>;
export function useWebSocket<TMessage = unknown, TData = TMessage, TSend = unknown>(
  url: string | URL | SocketUrlGetter,
  options?: UseWebSocketOptions<TMessage, TData>,
): UseWebSocketReturn<TData, TSend, TMessage> {
  const binding = useChannel<
    TData,
    string | URL | SocketUrlGetter,
    WebSocketOptions<TMessage, TData>,
    WebSocketChannel<TMessage, TData, TSend>
  >('webSocket', createWebSocket, url, options);
  return useChannelReturn(binding, (current) => ({
    send: (message: TSend) => current().send(message),
  }));
}
