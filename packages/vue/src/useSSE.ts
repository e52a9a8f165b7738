import {
  createSSE,
  type SSEBody,
  type SSEChannel,
  type SSEOptions,
  type SSEStreamChannel,
  type UrlGetter,
} from '@tidings/core';
import { type MaybeRefOrGetter, toValue } from 'vue';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';
import type { UseSSEStreamReturn } from './useSSEStream';

/**
 * Options of {@link useSSE}: every `createSSE` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UseSSEOptions<TMessage, TData = TMessage> = SSEOptions<TMessage, TData>;

export type UseSSEReturn<TData, TMessage = unknown> = UseChannelReturn<
  TData,
  SSEChannel<TMessage, TData>
>;

/**
 * A Server-Sent Events subscription, resumed from the last event id on every reconnect. A
 * request-scoped stream (an AI answer over POST) is `useSSEStream`.
 *
 * @example
 * const { data } = useSSE<Notification>('/api/sse', { events: ['notification'] });
 */
export function useSSE<TMessage = unknown, TData = TMessage>(
  /**
   * The URL (a ref or a getter is read reactively, as Vue does). For a URL computed on every
   * connection (a token in the query that expires; it may be async), hand over the url getter
   * itself through a getter, `() => streamUrl`: a bare function is Vue's reactive getter. The
   * latest one is called and a new closure never reconnects.
   */
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options: MaybeRefOrGetter<UseSSEOptions<TMessage, TData> & { initial: TData; manual?: false }>,
): WithInitialData<UseSSEReturn<TData, TMessage>, TData>;
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options?: MaybeRefOrGetter<(UseSSEOptions<TMessage, TData> & { manual?: false }) | undefined>,
): UseSSEReturn<TData, TMessage>;
/** @deprecated `manual: true` is {@link useSSEStream}, which returns `start`/`stop`. */
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options: MaybeRefOrGetter<UseSSEOptions<TMessage, TData> & { manual: true }>,
): UseSSEStreamReturn<TData, TMessage>;
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options?: MaybeRefOrGetter<UseSSEOptions<TMessage, TData> | undefined>,
): UseSSEReturn<TData, TMessage>;
export function useSSE<TMessage = unknown, TData = TMessage>(
  url: MaybeRefOrGetter<string | URL> | (() => UrlGetter),
  options?: MaybeRefOrGetter<UseSSEOptions<TMessage, TData> | undefined>,
): UseSSEReturn<TData, TMessage> | UseSSEStreamReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    string | URL | UrlGetter,
    UseSSEOptions<TMessage, TData>,
    SSEChannel<TMessage, TData>
  >('sse', createSSE, () => toValue(url) as string | URL | UrlGetter, options);
  // Only the deprecated `manual: true` (read once: it picks the return type) has start/stop, on
  // the stream channel createSSE returns for it; core warns about it in development.
  return useChannelReturn(binding, (current) => {
    if (!toValue(options)?.manual) return {};
    const stream = current as unknown as () => SSEStreamChannel<TMessage, TData>;
    return { start: (body?: SSEBody) => stream().start(body), stop: () => stream().stop() };
  });
}
