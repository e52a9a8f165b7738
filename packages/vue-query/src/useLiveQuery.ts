import {
  type DefaultError,
  type QueryFunction,
  type QueryKey,
  type UseQueryReturnType,
  useQuery,
} from '@tanstack/vue-query';
import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { type MessageSource, type QueryUpdaterOptions, useQueryUpdater } from './useQueryUpdater';

export interface UseLiveQueryOptions<TMessage, TQueryFnData = unknown> {
  /** The query this channel keeps live; a ref or getter of the key is followed. */
  queryKey: MaybeRefOrGetter<QueryKey>;
  /** Seeds the query (and runs again on invalidation). */
  queryFn: QueryFunction<TQueryFnData, QueryKey>;
  /** false: the query does not fetch and the channel is not listened to. @default true */
  enabled?: MaybeRefOrGetter<boolean>;
  /** As in `useQuery`; messages keep the data fresh, so a long one is usual. @default 0 */
  staleTime?: number;
  /** As in `useQuery`. @default 300000 */
  gcTime?: number;
  /** The channel whose messages keep the query live (any `@tidings/core` channel), or a ref/getter. */
  live: MaybeRefOrGetter<MessageSource<TMessage> | null | undefined>;
  /** See {@link QueryUpdaterOptions.update}. @default undefined */
  update?: QueryUpdaterOptions<TMessage, TQueryFnData>['update'];
  /** See {@link QueryUpdaterOptions.invalidate}. @default undefined */
  invalidate?: QueryUpdaterOptions<TMessage, TQueryFnData>['invalidate'];
}

/**
 * `useQuery` seeded by `queryFn` and kept live by a channel: messages patch the cached value with
 * `update(old, message)` through `setQueryData` (no refetch per message), and the keys
 * `invalidate(message)` names are invalidated.
 *
 * Pass a composable's `channel` as `live`: the query then shares its connection (on the plugin's
 * hub) instead of opening a second one.
 *
 * @example
 * const { channel } = useSSE<Notification>('/api/sse', { events: ['notification'] });
 * const { data } = useLiveQuery({
 *   queryKey: ['notifications'],
 *   queryFn: () => fetch('/api/notifications').then((r) => r.json()),
 *   live: channel,
 *   update: (old, n) => ({ ...old, unread: old.unread + 1, items: [n, ...old.items] }),
 * });
 */
export function useLiveQuery<TMessage, TQueryFnData = unknown>(
  options: UseLiveQueryOptions<TMessage, TQueryFnData>,
): UseQueryReturnType<TQueryFnData, DefaultError> {
  const { live, update, invalidate, queryKey, enabled, ...queryOptions } = options;
  const key = computed(() => toValue(queryKey));
  const isEnabled = computed(() => toValue(enabled) !== false);
  useQueryUpdater<TMessage, TQueryFnData>(live, {
    queryKey: key,
    update,
    invalidate,
    enabled: isEnabled,
  });
  return useQuery<TQueryFnData, DefaultError, TQueryFnData, QueryKey>({
    ...queryOptions,
    queryKey: key,
    enabled: isEnabled,
  });
}
