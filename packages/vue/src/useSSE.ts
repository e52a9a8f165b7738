import {
  createSSE,
  type SSEBody,
  type SSEChannel,
  type SSEClient,
  type SSEOptions,
  type SSEStreamChannel,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useSSE}: every `createSSE` option. `events`, `transport`, `method`, `headers`
 * (by value; a function is always called fresh and never reconnects), `body`, `withCredentials`,
 * `idleTimeout`, `manual`, `enabled`, `reconnect`, `share`, `pauseWhenHidden`, `notify` and `hub`
 * change the wire (a change reconnects once); callbacks, `parse` and `reduce` never reconnect.
 */
export type UseSSEOptions<TMessage, TData = TMessage> = SSEOptions<TMessage, TData>;

export type UseSSEReturn<TData> = UseChannelReturn<TData, SSEClient>;

export interface UseSSEStreamReturn<TData> extends UseChannelReturn<TData> {
  /** Sends the request (with `body`, default the `body` option) and streams a fresh answer. */
  start(body?: SSEBody): void;
  /** Ends the stream without an error; the answer so far stays in `data`. */
  stop(): void;
}

/**
 * Server-Sent Events, resumed from the last event id on every reconnect. With
 * `{ method: 'POST', manual: true }` it is a request-scoped stream (an AI answer): nothing is sent
 * until `start(body)`, and it is never retried or replayed by itself.
 *
 * @example
 * const { data } = useSSE<Notification>('/api/sse', { events: ['notification'] });
 *
 * @example
 * const { data: answer, start, stop } = useSSE<{ token: string }, string>('/api/chat', {
 *   method: 'POST',
 *   manual: true,
 *   events: ['token'],
 *   reduce: (text = '', m) => text + m.token,
 * });
 * start({ prompt: 'Hello' });
 */
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL>,
  options: MaybeRefOrGetter<UseSSEOptions<TMessage, TData> & { manual: true }>,
): UseSSEStreamReturn<TData>;
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL>,
  options?: MaybeRefOrGetter<UseSSEOptions<TMessage, TData> | undefined>,
): UseSSEReturn<TData>;
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL>,
  options?: MaybeRefOrGetter<UseSSEOptions<TMessage, TData> | undefined>,
): UseSSEReturn<TData> | UseSSEStreamReturn<TData> {
  const binding = useChannel<
    TData,
    string | URL,
    UseSSEOptions<TMessage, TData>,
    SSEChannel<TMessage, TData> | SSEStreamChannel<TMessage, TData>
  >('sse', createSSE, () => toValue(url), options);
  return useChannelReturn(binding, (current) => ({
    // Only a manual stream has these; on a plain stream they do nothing (as in @tidings/react).
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
