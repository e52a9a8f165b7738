import type { TidingsError } from './errors';

// The cache rules of @tidings/react-query and @tidings/vue-query: framework-free, so they live
// here and both bridges call them.

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

/** The part of a channel that tells of a reset: every `@tidings/core` channel has it. */
export interface ResetSource {
  subscribe(onChange: () => void): () => void;
  getState(): { error: TidingsError | null };
}

/**
 * Calls `onReset` once per `reset` error the channel reports: the server could not resume, so
 * messages (cache patches) may have been missed and the cached snapshot must be fetched again.
 * A source without `subscribe` (a bare message emitter) has no resets: nothing is watched.
 */
export function watchResets(
  source: Partial<ResetSource> | object,
  onReset: () => void,
): () => void {
  const { subscribe, getState } = source as Partial<ResetSource>;
  if (typeof subscribe !== 'function' || typeof getState !== 'function') return () => undefined;
  const read = () => getState.call(source).error;
  let last = read();
  return subscribe.call(source, () => {
    const error = read();
    if (error !== last && error?.kind === 'reset') onReset();
    last = error;
  });
}

/** After a reset the cached value may lack patches: refetch it (if observed). */
export function invalidateAfterReset(client: QueryClientLike, queryKey: Key | undefined): void {
  if (queryKey) void client.invalidateQueries({ queryKey });
}
