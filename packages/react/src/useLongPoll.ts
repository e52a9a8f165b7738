import {
  createLongPoll,
  type LongPollChannel,
  type LongPollOptions,
  type LongPollSource,
} from '@tidings/core';
import {
  type UseChannelReturn,
  useChannel,
  useChannelReturn,
  type WithInitialData,
} from './useChannel';

/**
 * Options of {@link useLongPoll}: every `createLongPoll` option. Callbacks, `parse`, `reduce` and
 * `notify` never reconnect; `initial` and `env` are read once; the URL and every other option change
 * the wire, compared by value (a change reconnects once; a function at any depth is bound to the
 * latest closure and never does). The README's "Which options reconnect" is generated from the code.
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
  options: UseLongPollOptions<TMessage, TData> & { initial: TData },
): WithInitialData<UseLongPollReturn<TData>, TData>;
export function useLongPoll<TMessage = unknown, TData = TMessage>(
  source: LongPollSource<TMessage>,
  options?: UseLongPollOptions<TMessage, TData>,
): UseLongPollReturn<TData>;
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
