// Kept identical in @tidings/react-query and @tidings/vue-query: it is framework-free, and the two
// packages must not depend on each other.

type Key = readonly unknown[];

/** The part of a TanStack `QueryClient` a message needs; the React and the Vue one both fit. */
export interface MessageQueryClient {
  getQueryState(queryKey: Key): { data: unknown; fetchStatus: string } | undefined;
  setQueryData(queryKey: Key, updater: (old: unknown) => unknown): unknown;
  invalidateQueries(filters: { queryKey: Key }): Promise<void>;
  cancelQueries(filters: { queryKey: Key }): Promise<void>;
}

/** What one message does to the cache. */
export interface MessageEffect<TMessage, TQueryData> {
  queryKey: Key | undefined;
  update: ((old: TQueryData, message: TMessage) => TQueryData | undefined) | undefined;
  invalidate: ((message: TMessage) => readonly Key[] | undefined | null | false) | undefined;
}

/**
 * Applies one message to the cache: patches `queryKey` with `update` when the entry holds data and
 * no fetch is in flight, and invalidates the keys `invalidate` names. Without data, or while a
 * fetch runs, the snapshot being fetched may predate the message, so patching would lose it: the
 * fetch is cancelled and the key invalidated instead, so the refetched snapshot includes it.
 */
export function applyMessage<TMessage, TQueryData>(
  client: MessageQueryClient,
  { queryKey, update, invalidate }: MessageEffect<TMessage, TQueryData>,
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
