import {
  createSSEStream,
  type SSEBody,
  type SSEStreamChannel,
  type SSEStreamOptions,
  type UrlGetter,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useSSEStream}: every `createSSEStream` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UseSSEStreamOptions<TMessage, TData = TMessage> = SSEStreamOptions<TMessage, TData>;

export interface UseSSEStreamReturn<TData, TMessage = unknown>
  extends UseChannelReturn<TData, SSEStreamChannel<TMessage, TData>> {
  /** Sends the request (with `body`, default the `body` option) and streams a fresh answer. */
  start(body?: SSEBody): void;
  /** Ends the stream without an error; the answer so far stays in `data`. */
  stop(): void;
}

/**
 * A request-scoped Server-Sent Events stream (an AI answer over POST): nothing is sent until
 * `start(body?)`; it is never shared, retried or replayed by itself, and ends with the component's
 * scope. For a subscription (notifications, a feed) use `useSSE`.
 *
 * @example
 * const { data: answer, start, stop } = useSSEStream<{ token: string }, string>('/api/chat', {
 *   method: 'POST',
 *   events: ['token'],
 *   reduce: (text = '', m) => text + m.token,
 * });
 * start({ prompt: 'Hello' });
 */
export function useSSEStream<TMessage = unknown, TData = TMessage>(
  /**
   * The URL (a ref or a getter is read reactively, as Vue does). For a URL computed on every
   * request (a token in the query that expires; it may be async), hand over the url getter
   * itself through a getter, `() => chatUrl`, as for `useSSE`: a bare function is Vue's reactive
   * getter. The latest one is called, a new closure never reconnects, and errors then name the
   * URL without its query.
   */
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options?: MaybeRefOrGetter<UseSSEStreamOptions<TMessage, TData> | undefined>,
): UseSSEStreamReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    string | URL | UrlGetter,
    UseSSEStreamOptions<TMessage, TData>,
    SSEStreamChannel<TMessage, TData>
  >('sse-stream', createSSEStream, () => toValue(url) as string | URL | UrlGetter, options);
  return useChannelReturn(binding, (current) => ({
    start: (body?: SSEBody) => current().start(body),
    stop: () => current().stop(),
  }));
}
