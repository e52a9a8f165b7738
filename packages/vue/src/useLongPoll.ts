import {
  createLongPoll,
  type LongPollChannel,
  type LongPollOptions,
  type LongPollSource,
} from '@tidings/core';
import { type MaybeRef, type MaybeRefOrGetter, unref } from 'vue';
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
 * Long polling: a GET held open by the server until news, re-asked at once with the cursor, so
 * nothing is lost between requests. Pauses while the page is hidden.
 *
 * `source` is a URL, a ref or computed of one, or a function
 * `({ cursor, signal }) => Promise<{ messages, cursor }>`. A plain function is always the fetcher
 * (as in core), never a getter: pass a `computed` for a reactive URL.
 *
 * @example
 * const { data, received } = useLongPoll<Notification>('/api/long-poll', { timeout: 25_000 });
 */
export function useLongPoll<TMessage = unknown, TData = TMessage>(
  source: MaybeRef<LongPollSource<TMessage>>,
  options: MaybeRefOrGetter<UseLongPollOptions<TMessage, TData> & { initial: TData }>,
): WithInitialData<UseLongPollReturn<TData>, TData>;
export function useLongPoll<TMessage = unknown, TData = TMessage>(
  source: MaybeRef<LongPollSource<TMessage>>,
  options?: MaybeRefOrGetter<UseLongPollOptions<TMessage, TData> | undefined>,
): UseLongPollReturn<TData>;
export function useLongPoll<TMessage = unknown, TData = TMessage>(
  source: MaybeRef<LongPollSource<TMessage>>,
  options?: MaybeRefOrGetter<UseLongPollOptions<TMessage, TData> | undefined>,
): UseLongPollReturn<TData, TMessage> {
  const binding = useChannel<
    TData,
    LongPollSource<TMessage>,
    UseLongPollOptions<TMessage, TData>,
    LongPollChannel<TMessage, TData>
  >('longPoll', createLongPoll, () => unref(source), options);
  return useChannelReturn(binding, () => ({}));
}
