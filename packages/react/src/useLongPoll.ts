import {
  createLongPoll,
  type LongPollChannel,
  type LongPollOptions,
  type LongPollSource,
} from '@tidings/core';
import { type UseChannelReturn, useChannel, useChannelReturn } from './useChannel';

/**
 * Options of {@link useLongPoll}: every `createLongPoll` option. The source URL, `timeout`,
 * `headers` (by value), `enabled`, `reconnect`, `share`, `pauseWhenHidden`, `notify` and the hub
 * change the wire; callbacks, `parse`, `reduce` and a function source or `headers` function are
 * always the latest and never reconnect.
 */
export type UseLongPollOptions<TMessage, TData = TMessage> = LongPollOptions<TMessage, TData>;

export type UseLongPollReturn<TData, TMessage = unknown> = UseChannelReturn<
  TData,
  LongPollChannel<TMessage, TData>
>;

/**
 * Long polling: a request held by the server until news, re-sent at once with the cursor, so
 * nothing is lost between requests.
 *
 * @example
 * const { data: feed = [] } = useLongPoll<Notification, Notification[]>('/api/long-poll', {
 *   reduce: (list = [], n) => [n, ...list].slice(0, 50),
 * });
 */
export function useLongPoll<TMessage = unknown, TData = TMessage>(
  source: LongPollSource<TMessage>,
  options?: UseLongPollOptions<TMessage, TData>,
): UseLongPollReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    LongPollSource<TMessage>,
    LongPollOptions<TMessage, TData>,
    LongPollChannel<TMessage, TData>
  >('longPoll', createLongPoll, source, options);
  return useChannelReturn(binding, () => ({}));
}
