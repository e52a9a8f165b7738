// The one cache rule of @tidings/react-query and @tidings/vue-query: framework-free, so it lives
// here and both bridges call it.

type Key = readonly unknown[];

/** The part of a TanStack `QueryClient` a message needs; the React and the Vue one both fit. */
export interface QueryClientLike {
  getQueryState(queryKey: Key): { data: unknown; fetchStatus: string } | undefined;
  setQueryData(queryKey: Key, updater: (old: unknown) => unknown): unknown;
  invalidateQueries(filters: { queryKey: Key }): Promise<void>;
  cancelQueries(filters: { queryKey: Key }): Promise<void>;
}

/** What one message does to the cache. */
export interface QueryMessageEffect<TMessage, TQueryData> {
  queryKey: Key | undefined;
  update: ((old: TQueryData, message: TMessage) => TQueryData | undefined) | undefined;
  invalidate: ((message: TMessage) => readonly Key[] | undefined | null | false) | undefined;
}

/**
 * Applies one channel message to a TanStack Query cache: patches `queryKey` with `update` when the entry holds data and
 * no fetch is in flight, and invalidates the keys `invalidate` names. Without data, or while a
 * fetch runs, the snapshot being fetched may predate the message, so patching would lose it: the
 * fetch is cancelled and the key invalidated instead, so the refetched snapshot includes it.
 */
export function applyQueryMessage<TMessage, TQueryData>(
  client: QueryClientLike,
  { queryKey, update, invalidate }: QueryMessageEffect<TMessage, TQueryData>,
  message: TMessage,
): void {
  if (update && queryKey) {
    const state = client.getQueryState(queryKey);
    if (state?.fetchStatus === 'fetching') {
      // Invalidating alone would join a first fetch (one without data) instead of restarting it.
      void client.cancelQueries({ queryKey }).then(() => client.invalidateQueries({ queryKey }));
    } else if (state?.data === undefined) {
      void client.invalidateQueries({ queryKey });
    } else {
      client.setQueryData(queryKey, (old) =>
        old === undefined ? undefined : update(old as TQueryData, message),
      );
    }
  }
  const keys = invalidate?.(message);
  if (keys) {
    for (const key of keys) void client.invalidateQueries({ queryKey: key });
  }
}
