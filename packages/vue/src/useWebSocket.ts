import {
  createWebSocket,
  type SendReceipt,
  type SocketUrlGetter,
  type WebSocketChannel,
  type WebSocketOptions,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
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
   * Sends `message` (objects as JSON); queued while the socket is not open. Returns the channel's
   * send receipt: `status` 'sent' | 'queued' | 'refused', a Promise settled with the message's
   * fate (an accepted message that is lost is also reported `unsent` in `error`).
   */
  send(message: TSend): SendReceipt;
}

/**
 * A WebSocket that reconnects with backoff, resumes from the last message id, queues sends while
 * disconnected and shares one socket among identical consumers.
 *
 * @example
 * const { data: messages, send } = useWebSocket<ChatMessage, ChatMessage[]>('/ws', {
 *   reduce: (list = [], m) => [...list, m].slice(-200),
 * });
 * send({ type: 'chat', data: { text: 'hi' } });
 */
export function useWebSocket<TMessage = unknown, TData = TMessage, TSend = unknown>(
  /**
   * The socket URL (a ref or a getter is read reactively, as Vue does). For a URL computed on
   * every connection (a token in the query that expires; it may be async), hand over the
   * credentials getter itself through a getter, `() => socketUrl`: a bare function is Vue's
   * reactive getter. The latest one is called and a new closure never reconnects.
   */
  url: MaybeRefOrGetter<string | URL> | (() => SocketUrlGetter),
  options: MaybeRefOrGetter<UseWebSocketOptions<TMessage, TData> & { initial: TData }>,
): WithInitialData<UseWebSocketReturn<TData, TSend, TMessage>, TData>;
export function useWebSocket<TMessage = unknown, TData = TMessage, TSend = unknown>(
  url: MaybeRefOrGetter<string | URL> | (() => SocketUrlGetter),
  options?: MaybeRefOrGetter<UseWebSocketOptions<TMessage, TData> | undefined>,
): UseWebSocketReturn<TData, TSend, TMessage>;
export function useWebSocket<TMessage = unknown, TData = TMessage, TSend = unknown>(
  url: MaybeRefOrGetter<string | URL> | (() => SocketUrlGetter),
  options?: MaybeRefOrGetter<UseWebSocketOptions<TMessage, TData> | undefined>,
): UseWebSocketReturn<TData, TSend, TMessage> {
  const binding = useChannel<
    TData,
    string | URL | SocketUrlGetter,
    UseWebSocketOptions<TMessage, TData>,
    WebSocketChannel<TMessage, TData, TSend>
  >('webSocket', createWebSocket, () => toValue(url) as string | URL | SocketUrlGetter, options);
  return useChannelReturn(binding, (current) => ({
    send: (message: TSend) => current().send(message),
  }));
}
