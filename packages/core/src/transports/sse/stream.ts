import { createChannel } from '../../channel';
import { channelInternals, extendChannel } from '../../channelInternals';
import type { Channel } from '../../types';
import { type AttemptContext, Wire } from '../../wire';
import { wireKey } from '../../wireKey';
import type { UrlGetter } from '../common/urlGetter';
import { sseConfigOf, sseDriverAt, validateSSE } from './driver';
import { toSSEEnvelope } from './envelope';
import type { SSEBody, SSEOptions } from './options';

/**
 * Options of {@link createSSEStream}: those of `createSSE` but the ones a request-scoped stream
 * fixes (always fetch, never shared, retried or paused).
 */
export type SSEStreamOptions<TMessage, TData = TMessage> = Omit<
  SSEOptions<TMessage, TData>,
  'manual' | 'transport' | 'polyfill' | 'share' | 'reconnect' | 'pauseWhenHidden' | 'orderedIds'
>;

/** A request-scoped stream (an AI answer): one request per `start()`, never replayed by itself. */
export interface SSEStreamChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {
  /**
   * Sends the request with `body` (default: the `body` option) and streams the answer. A running
   * request is stopped first, and `data` starts again from `initial`: each start is a fresh answer.
   */
  start(body?: SSEBody): void;
  /** Ends the stream: status `closed`, no error. The answer so far stays in `data`. */
  stop(): void;
  /** Sends the last request again (an explicit "regenerate"); nothing before the first `start()`. */
  reconnect(): void;
}

/**
 * A request-scoped stream (an AI answer over POST), separate from subscriptions: always fetch,
 * never shared, retried, paused or replayed by itself; `start(body?)` sends, `stop()` ends without
 * an error. The deprecated `createSSE(url, { manual: true })` returns one too.
 *
 * The URL may be a getter, as for `createSSE`: called (and awaited) on every `start()`,
 * `reconnect()` and `onAuthError` retry, never cached, for a token in the query that expires.
 * Errors then name the URL without its query; a getter that throws or rejects ends the stream
 * with an `auth` error (`The url getter failed: …`).
 *
 * @example
 * const answer = createSSEStream<{ token: string }, string>('/api/chat', {
 *   method: 'POST',
 *   events: ['token'],
 *   reduce: (text = '', m) => text + m.token,
 * });
 * answer.start({ prompt: 'Hello' });
 */
export function createSSEStream<TMessage, TData = TMessage>(
  /**
   * The URL, or a getter called before every request (a token in the query that expires; it may
   * be async). Errors then name the URL without its query.
   */
  url: string | URL | UrlGetter,
  options: SSEStreamOptions<TMessage, TData> = {},
): SSEStreamChannel<TMessage, TData> {
  let body: SSEBody | undefined = options.body;
  let started = false;
  const config = sseConfigOf(url, options, () => body);
  const channel = createChannel<TMessage, TData, Wire>(
    {
      // Never shared: `share: false` below; the key only names it. A getter counts by reference,
      // as in `createSSE`: its URL is only known per attempt.
      key: wireKey('sse-stream', {
        url: typeof url === 'function' ? url : config.url,
        method: config.method,
      }),
      manual: true,
      validate: () => validateSSE(url, { ...options, manual: true }),
      toMessage: options.envelope ? toSSEEnvelope : undefined,
      // The response ending is the answer being done: close without an error. No retries and no
      // replay on a bfcache restore: a non-idempotent request must not be sent twice unasked.
      createWire: (env) =>
        new Wire(sseDriverAt(url, config, 'fetch', endAnswer, undefined), env, {
          reconnect: false,
          pauseWhenHidden: false,
          reconnectOnRestore: false,
        }),
    },
    { ...options, share: false, reconnect: false, pauseWhenHidden: false },
  );
  const internals = channelInternals<Wire>(channel);

  function start(next?: SSEBody): void {
    body = next === undefined ? options.body : next;
    started = true;
    if (internals.wire()) channel.close();
    internals.reset();
    channel.connect();
  }

  return extendChannel(channel, {
    ...channel,
    start,
    stop() {
      channel.close();
    },
    reconnect() {
      if (started) start(body);
    },
  });
}

/** The answer is complete: the stream closes with no error. */
function endAnswer(context: AttemptContext): void {
  context.end();
}
