import {
  type DefaultError,
  type Query,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type MessageSource, type QueryUpdaterOptions, useQueryUpdater } from './useQueryUpdater';

export interface UseLiveQueryOptions<
  TMessage,
  TQueryFnData = unknown,
  TError = DefaultError,
  TData = TQueryFnData,
  TQueryKey extends QueryKey = QueryKey,
> extends UseQueryOptions<TQueryFnData, TError, TData, TQueryKey> {
  /** The channel whose messages keep this query current: a hook's `channel`, or any core channel. */
  live: MessageSource<TMessage> | null | undefined;
  /** Patches the cached value with a message (`setQueryData`, no refetch). @default undefined */
  update?: QueryUpdaterOptions<TMessage, TQueryFnData>['update'];
  /** Query keys a message invalidates (this query's own key included, if you wish). @default undefined */
  invalidate?: QueryUpdaterOptions<TMessage, TQueryFnData>['invalidate'];
}

/**
 * `useQuery`, kept live: seeded by `queryFn`, then patched by every message of `live` through
 * `update` (no per-message refetch), and refetched only when a message names its key in
 * `invalidate`. The channel is listened to only while the query is `enabled` (a function of the
 * query is asked again on every render).
 *
 * Pass a hook's `channel` as `live`: the query then shares the hook's connection (on the hub of the
 * nearest `<TidingsProvider>`) instead of opening a second one.
 *
 * @example
 * function Bell() {
 *   const { channel } = useSSE<Alert>('/api/sse', { events: ['notification'] });
 *   const { data } = useLiveQuery({
 *     queryKey: ['unread'],
 *     queryFn: () => fetch('/api/notifications').then((r) => r.json()),
 *     live: channel,
 *     update: (old, alert) => ({ ...old, unread: old.unread + 1 }),
 *   });
 *   return <NotificationBadge count={data?.unread ?? 0} />;
 * }
 */
export function useLiveQuery<
  TMessage,
  TQueryFnData = unknown,
  TError = DefaultError,
  TData = TQueryFnData,
  TQueryKey extends QueryKey = QueryKey,
>(
  options: UseLiveQueryOptions<TMessage, TQueryFnData, TError, TData, TQueryKey>,
): UseQueryResult<TData, TError> {
  const { live, update, invalidate, ...queryOptions } = options;
  const queryClient = useQueryClient();
  // First, so the query exists: `enabled` may be a function of it (TanStack v5).
  const result = useQuery(queryOptions);
  const { enabled } = queryOptions;
  const query =
    typeof enabled === 'function'
      ? (queryClient.getQueryCache().find({ queryKey: queryOptions.queryKey, exact: true }) as
          | Query<TQueryFnData, TError, TQueryFnData, TQueryKey>
          | undefined)
      : undefined;
  useQueryUpdater<TMessage, TQueryFnData>(live, {
    queryKey: queryOptions.queryKey,
    update,
    invalidate,
    enabled:
      typeof enabled === 'function' ? query !== undefined && enabled(query) : enabled !== false,
  });
  return result;
}
