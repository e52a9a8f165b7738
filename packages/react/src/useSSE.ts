import {
  createSSE,
  type SSEBody,
  type SSEChannel,
  type SSEClient,
  type SSEOptions,
  type SSEStreamChannel,
} from '@tidings/core';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useSSE}: every `createSSE` option. The URL, `events` (by value), `transport`,
 * `method`, `headers` (by value), `body` (by value), `withCredentials`, `idleTimeout`, `manual`,
 * `enabled`, `reconnect`, `share`, `pauseWhenHidden`, `notify` and the hub change the wire;
 * callbacks, `parse`, `reduce` and a `headers` function are always the latest and never reconnect.
 */
export type UseSSEOptions<TMessage, TData = TMessage> = SSEOptions<TMessage, TData>;

export type UseSSEReturn<TData> = UseChannelReturn<TData, SSEClient>;

export interface UseSSEStreamReturn<TData> extends UseChannelReturn<TData> {
  /** Sends the request (with `body`, default the `body` option) and streams a fresh answer. Stable. */
  start(body?: SSEBody): void;
  /** Ends the stream without an error; the answer so far stays in `data`. Stable. */
  stop(): void;
}

/**
 * Server-Sent Events; with `manual: true`, a request-scoped stream (an AI answer over POST) that
 * sends nothing until `start()` and is never replayed by itself.
 *
 * @example
 * const { data } = useSSE<Notification>('/api/sse', { events: ['notification'] });
 *
 * @example
 * const { data: answer = '', start, stop } = useSSE<{ token: string }, string>('/api/chat', {
 *   method: 'POST',
 *   manual: true,
 *   events: ['token'],
 *   reduce: (text = '', m) => text + m.token,
 * });
 */
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: string | URL,
  options: UseSSEOptions<TMessage, TData> & { manual: true },
): UseSSEStreamReturn<TData>;
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: string | URL,
  options?: UseSSEOptions<TMessage, TData>,
): UseSSEReturn<TData>;
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: string | URL,
  options?: UseSSEOptions<TMessage, TData>,
): UseSSEReturn<TData> | UseSSEStreamReturn<TData> {
  const binding = useChannel<
    TData,
    string | URL,
    SSEOptions<TMessage, TData>,
    SSEChannel<TMessage, TData> | SSEStreamChannel<TMessage, TData>
  >('sse', createSSE, url, options);
  return useChannelReturn(binding, (current) => ({
    // Only a manual stream has these; on a plain stream they do nothing.
    start: (body?: SSEBody) => {
      const channel = current();
      if ('start' in channel) channel.start(body);
    },
    stop: () => {
      const channel = current();
      if ('stop' in channel) channel.stop();
    },
  }));
}
