import {
  createPolling,
  type PollingChannel,
  type PollingOptions,
  type PollingSource,
} from '@tidings/core';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';

/**
 * Options of {@link usePolling}: every `createPolling` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
 */
export type UsePollingOptions<TMessage, TData = TMessage> = PollingOptions<TMessage, TData>;

export interface UsePollingReturn<TData, TMessage = unknown>
  extends UseChannelReturn<TData, PollingChannel<TMessage, TData>> {
  /** Polls now (unless a request is in flight), then resumes the interval. Stable. */
  refresh(): void;
}

/**
 * Short polling: a GET (or your fetcher) every `interval` ms. Pauses while the page is hidden and
 * polls at once when it is visible again. An inline fetcher function never reconnects: the latest
 * one is called on each poll.
 *
 * @example
 * const { data, status, refresh } = usePolling<{ unread: number }>('/api/notifications', {
 *   interval: 10_000,
 * });
 */
export function usePolling<TMessage = unknown, TData = TMessage>(
  source: PollingSource<TMessage>,
  options: UsePollingOptions<TMessage, TData> & { initial: TData },
): WithInitialData<UsePollingReturn<TData>, TData>;
export function usePolling<TMessage = unknown, TData = TMessage>(
  source: PollingSource<TMessage>,
  options?: UsePollingOptions<TMessage, TData>,
): UsePollingReturn<TData>;
export function usePolling<TMessage = unknown, TData = TMessage>(
  source: PollingSource<TMessage>,
  options?: UsePollingOptions<TMessage, TData>,
): UsePollingReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    PollingSource<TMessage>,
    PollingOptions<TMessage, TData>,
    PollingChannel<TMessage, TData>
  >('polling', createPolling, source, options);
  return useChannelReturn(binding, (current) => ({ refresh: () => current().refresh() }));
}
