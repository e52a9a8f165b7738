import {
  createWebSocket,
  type SendReceipt,
  type SocketUrlGetter,
  type WebSocketChannel,
  type WebSocketOptions,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useWebSocket}: every `createWebSocket` option. `protocols`, `heartbeat`,
 * `queue`, `enabled`, `reconnect`, `share`, `pauseWhenHidden`, `notify` and `hub` change the wire
 * (a change reconnects once); callbacks, `parse` and `reduce` never reconnect; `initial` and `env`
 * are read when the channel is created.
 */
export type UseWebSocketOptions<TMessage, TData = TMessage> = WebSocketOptions<TMessage, TData>;

export interface UseWebSocketReturn<TData> extends UseChannelReturn<TData, WebSocket> {
  /**
   * Sends `message` (objects as JSON); queued while the socket is not open. Returns the channel's
   * send receipt: `status` 'sent' | 'queued' | 'refused', a Promise settled with the message's
   * fate (an accepted message that is lost is also reported `unsent` in `error`).
   */
  send(message: unknown): SendReceipt;
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
export function useWebSocket<TMessage = unknown, TData = TMessage>(
  /**
   * The socket URL (a ref or a getter is read reactively, as Vue does). For a URL computed on
   * every connection (a token in the query that expires; it may be async), hand over the
   * credentials getter itself through a getter, `() => socketUrl`: a bare function is Vue's
   * reactive getter. The latest one is called and a new closure never reconnects.
   */
  url: MaybeRefOrGetter<string | URL> | (() => SocketUrlGetter),
  options?: MaybeRefOrGetter<UseWebSocketOptions<TMessage, TData> | undefined>,
): UseWebSocketReturn<TData> {
  const binding = useChannel<
    TData,
    string | URL | SocketUrlGetter,
    UseWebSocketOptions<TMessage, TData>,
    WebSocketChannel<TMessage, TData>
  >('webSocket', createWebSocket, () => toValue(url) as string | URL | SocketUrlGetter, options);
  return useChannelReturn(binding, (current) => ({
    send: (message: unknown) => current().send(message),
  }));
}
