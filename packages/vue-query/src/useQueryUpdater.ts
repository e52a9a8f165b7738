import { type QueryKey, useQueryClient } from '@tanstack/vue-query';
import { applyQueryMessage, invalidateAfterReset, watchResets } from '@tidings/core/binding';
import { getCurrentScope, type MaybeRefOrGetter, onScopeDispose, toValue, watch } from 'vue';

/** Anything that delivers every message in order: every `@tidings/core` channel. */
export interface MessageSource<TMessage> {
  onMessage(fn: (message: TMessage) => void): () => void;
}

export interface QueryUpdaterOptions<TMessage, TQueryData> {
  /** The cache entry `update` patches (a ref or getter is followed). Required with `update`. @default undefined */
  queryKey?: MaybeRefOrGetter<QueryKey | undefined>;
  /**
   * Folds a message into the cached value, through `queryClient.setQueryData`; return `old` (or
   * undefined) to leave it alone. While the entry has no data yet or is fetching, the message
   * invalidates `queryKey` instead, so the refetched snapshot includes it. @default undefined
   */
  update?: (old: TQueryData, message: TMessage) => TQueryData | undefined;
  /**
   * The query keys a message names; each is invalidated (refetched if observed). Return nothing
   * for messages that invalidate nothing. @default undefined
   */
  invalidate?: (message: TMessage) => readonly QueryKey[] | undefined | null | false;
  /** false: ignore the channel (it is not listened to, so it does not connect). @default true */
  enabled?: MaybeRefOrGetter<boolean | undefined>;
}

/**
 * Feeds a channel's messages into the TanStack Query cache: each message patches `queryKey` with
 * `update` (no refetch while it holds data and is not fetching; before that, the key is
 * invalidated so the message is not lost) and invalidates the keys `invalidate` names. A `reset`
 * of the channel (the server could not resume: patches may be missing) invalidates `queryKey`.
 * The callbacks are always the latest; only a new `channel` (or `enabled`) re-subscribes.
 * Disposed with the effect scope.
 *
 * @example
 * const alerts = createSSE<Alert>('/api/sse', { events: ['notification'] }); // module scope
 * useQueryUpdater(alerts, {
 *   queryKey: ['unread'],
 *   update: (old: { unread: number }, alert) => ({ ...old, unread: old.unread + 1 }),
 * });
 */
export function useQueryUpdater<TMessage, TQueryData = unknown>(
  channel: MaybeRefOrGetter<MessageSource<TMessage> | null | undefined>,
  options: MaybeRefOrGetter<QueryUpdaterOptions<TMessage, TQueryData>>,
): void {
  const queryClient = useQueryClient();

  const onMessage = (message: TMessage) => {
    // Read at delivery time: the latest callbacks and key, never a stale closure.
    const { queryKey, update, invalidate } = toValue(options);
    applyQueryMessage(queryClient, { queryKey: toValue(queryKey), update, invalidate }, message);
  };

  // A reset (the server could not resume: patches may be missing) refetches the patched key.
  const onReset = () => invalidateAfterReset(queryClient, toValue(toValue(options).queryKey));
  const listen = (source: MessageSource<TMessage>) => {
    const stopMessages = source.onMessage(onMessage);
    const stopResets = watchResets(source, onReset);
    return () => {
      stopMessages();
      stopResets();
    };
  };

  let stop: (() => void) | undefined;
  watch(
    () => [toValue(channel), toValue(toValue(options).enabled) !== false] as const,
    ([current, enabled]) => {
      stop?.();
      stop = enabled && current ? listen(current) : undefined;
    },
    { immediate: true },
  );
  if (getCurrentScope()) {
    onScopeDispose(() => {
      stop?.();
      stop = undefined;
    });
  }
}
