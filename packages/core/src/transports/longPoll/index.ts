import { type ResolvedReconnect, resolveReconnect } from '../../backoff';
import { createChannel } from '../../channel';
import type { Channel, ChannelOptions } from '../../types';
import { Wire } from '../../wire';
import { wireKey } from '../../wireKey';
import { type MessageId, messageIdKey } from '../common/messageId';
import type { HeadersInput } from '../common/request';
import { anyUrl, isUrlGetterSource, urlGetterDriver } from '../common/urlGetter';
import { checkDuration, checkUrl, firstError } from '../common/validate';
import type { LongPollSource } from './answer';
import { longPollDriver } from './driver';

export type { UrlGetter, UrlGetterSource } from '../common/urlGetter';
export type { LongPollAnswer, LongPollSource } from './answer';

export interface LongPollOptions<TMessage, TData = TMessage>
  extends ChannelOptions<TMessage, TData> {
  /**
   * How long the server should hold a request without news, sent as `timeout=<ms>` (URL sources).
   * The client aborts a request held longer than this plus 5 s and retries (error kind `timeout`).
   * @default not sent; the client gives up after 65 s
   */
  timeout?: number;
  /** Request headers for a URL source; a function is called before every request. @default {} */
  headers?: HeadersInput;
  /**
   * The delivery id of an item (called with the item, JSON text decoded), to drop an item the
   * server sends twice. Exact resume needs none: it rides on the answer's `cursor`.
   * @default none (no dedupe)
   */
  messageId?: MessageId;
  /** Ids `messageId` returns are increasing decimal counters: drop any at or before the cursor. @default false */
  orderedIds?: boolean;
}

export interface LongPollChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {}

/**
 * Long polling: a GET (or your fetcher) that the server holds until there is news, sent again at
 * once after each answer with the answer's cursor, so nothing is missed between requests. Pauses
 * while the page is hidden by default and resumes from the cursor when it is visible again.
 *
 * @example
 * const feed = createLongPoll<Notification>('/api/long-poll', { timeout: 25_000 });
 * feed.onMessage((n) => console.log('new', n));
 */
export function createLongPoll<TMessage, TData = TMessage>(
  source: LongPollSource<TMessage>,
  options: LongPollOptions<TMessage, TData> = {},
): LongPollChannel<TMessage, TData> {
  const { timeout, headers } = options;
  const pauseWhenHidden = options.pauseWhenHidden ?? true;
  return createChannel<TMessage, TData, Wire>(
    {
      key: wireKey('longPoll', {
        source: keyOfSource(source),
        timeout,
        headers,
        messageId: messageIdKey(options.messageId),
        orderedIds: options.orderedIds,
        pauseWhenHidden,
        reconnect: options.reconnect,
      }),
      validate: () =>
        firstError(
          typeof source === 'function' || isUrlGetterSource(source)
            ? undefined
            : checkUrl('source', source),
          checkDuration('timeout', timeout),
        ),
      createWire(env) {
        const config = {
          timeout,
          headers,
          messageId: options.messageId,
          // With `reconnect: false` a garbage-answering server still must not make us spin.
          malformedSchedule: (resolveReconnect(options.reconnect) ||
            resolveReconnect(true)) as ResolvedReconnect,
        };
        const driver = isUrlGetterSource(source)
          ? urlGetterDriver(source.url, anyUrl, (url) => longPollDriver({ ...config, source: url }))
          : longPollDriver({ ...config, source });
        return new Wire(driver, env, {
          reconnect: options.reconnect,
          pauseWhenHidden,
          orderedIds: options.orderedIds,
        });
      },
    },
    options,
  );
}

/** What identifies a source in the wire key: a function (fetcher or url getter) by identity. */
function keyOfSource<TMessage>(source: LongPollSource<TMessage>): unknown {
  if (typeof source === 'function') return source;
  return isUrlGetterSource(source) ? source.url : String(source);
}
