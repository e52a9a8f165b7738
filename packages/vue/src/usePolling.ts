import {
  createPolling,
  type PollingChannel,
  type PollingOptions,
  type PollingSource,
} from '@tidings/core';
import { type MaybeRef, type MaybeRefOrGetter, unref } from 'vue';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';

/** Options of {@link usePolling}: every option of core's `createPolling`. */
export interface UsePollingOptions<TMessage, TData = TMessage>
  extends PollingOptions<TMessage, TData> {}

export interface UsePollingReturn<TData, TMessage = unknown>
  extends UseChannelReturn<TData, PollingChannel<TMessage, TData>> {
  /** Polls now (unless a request is in flight), then resumes the interval. */
  refresh(): void;
}

/**
 * Short polling: a GET (or your fetcher) on a timer; pauses while the page is hidden and polls at
 * once when it is visible again.
 *
 * `source` is a URL, a ref or computed of one, or a fetcher `({ signal }) => Promise<T>`. A plain
 * function is always the fetcher (as in core), never a getter: pass a `computed` for a reactive URL.
 * A new fetcher closure is used on the next poll without reconnecting.
 *
 * @example
 * const { data } = usePolling<{ unread: number }>('/api/notifications', { interval: 10_000 });
 */
export function usePolling<TMessage = unknown, TData = TMessage>(
  source: MaybeRef<PollingSource<TMessage>>,
  options: MaybeRefOrGetter<UsePollingOptions<TMessage, TData> & { initial: TData }>,
): WithInitialData<UsePollingReturn<TData>, TData>;
export function usePolling<TMessage = unknown, TData = TMessage>(
  source: MaybeRef<PollingSource<TMessage>>,
  options?: MaybeRefOrGetter<UsePollingOptions<TMessage, TData> | undefined>,
): UsePollingReturn<TData>;
export function usePolling<TMessage = unknown, TData = TMessage>(
  source: MaybeRef<PollingSource<TMessage>>,
  options?: MaybeRefOrGetter<UsePollingOptions<TMessage, TData> | undefined>,
): UsePollingReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    PollingSource<TMessage>,
    UsePollingOptions<TMessage, TData>,
    PollingChannel<TMessage, TData>
  >('polling', createPolling, () => unref(source), options);
  return useChannelReturn(binding, (current) => ({ refresh: () => current().refresh() }));
}
