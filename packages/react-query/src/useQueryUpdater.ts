import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { applyQueryMessage, invalidateAfterReset, watchResets } from '@tidings/core/binding';
import { useEffect, useLayoutEffect, useRef } from 'react';

/** Anything that delivers every message in order: every `@tidings/core` channel. */
export interface MessageSource<TMessage> {
  onMessage(fn: (message: TMessage) => void): () => void;
}

export interface QueryUpdaterOptions<TMessage, TQueryData> {
  /** The cache entry `update` patches. Required with `update`. @default undefined */
  queryKey?: QueryKey;
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
  enabled?: boolean;
}

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Feeds a channel's messages into the TanStack Query cache: each message patches `queryKey` with
 * `update` (no refetch while it holds data and is not fetching; before that, the key is
 * invalidated so the message is not lost) and invalidates the keys `invalidate` names. A `reset`
 * of the channel (the server could not resume: patches may be missing) invalidates `queryKey`. The callbacks are always the
 * latest; only a new `channel` (or `enabled`) re-subscribes.
 *
 * @example
 * const alerts = createSSE<Alert>('/api/sse', { events: ['notification'] }); // module scope
 * useQueryUpdater(alerts, {
 *   queryKey: ['unread'],
 *   update: (old: { unread: number }, alert) => ({ ...old, unread: old.unread + 1 }),
 * });
 */
export function useQueryUpdater<TMessage, TQueryData = unknown>(
  channel: MessageSource<TMessage> | null | undefined,
  options: QueryUpdaterOptions<TMessage, TQueryData>,
): void {
  const queryClient = useQueryClient();
  const latest = useRef(options);
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
  });
  const enabled = options.enabled !== false;
  useEffect(() => {
    if (!channel || !enabled) return undefined;
    const stopMessages = channel.onMessage((message) => {
      const { queryKey, update, invalidate } = latest.current;
      applyQueryMessage(queryClient, { queryKey, update, invalidate }, message);
    });
    const stopResets = watchResets(channel, () =>
      invalidateAfterReset(queryClient, latest.current.queryKey),
    );
    return () => {
      stopMessages();
      stopResets();
    };
  }, [channel, enabled, queryClient]);
}
