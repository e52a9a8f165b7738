import {
  createWebSocket,
  type SendReceipt,
  type WebSocketChannel,
  type WebSocketOptions,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useWebSocket}: every `createWebSocket` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UseWebSocketOptions<TMessage, TData = TMessage> = WebSocketOptions<TMessage, TData>;

export interface UseWebSocketReturn<TData, TMessage = unknown>
  extends UseChannelReturn<TData, WebSocketChannel<TMessage, TData>> {
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
  url: MaybeRefOrGetter<string | URL>,
  options?: MaybeRefOrGetter<UseWebSocketOptions<TMessage, TData> | undefined>,
): UseWebSocketReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    string | URL,
    UseWebSocketOptions<TMessage, TData>,
    WebSocketChannel<TMessage, TData>
  >('webSocket', createWebSocket, () => toValue(url), options);
  return useChannelReturn(binding, (current) => ({
    send: (message: unknown) => current().send(message),
  }));
}
