import { createChannel } from '../../channel';
import { TidingsError } from '../../errors';
import type { Channel } from '../../types';
import { warnOnce } from '../../warnOnce';
import { type AttemptContext, Wire } from '../../wire';
import { wireKey } from '../../wireKey';
import { messageIdKey } from '../common/messageId';
import type { UrlGetter } from '../common/urlGetter';
import { sseConfigOf, sseDriverAt, validateSSE } from './driver';
import { toSSEEnvelope } from './envelope';
import type { SSEFetchClient } from './fetch';
import type { SSEOptions } from './options';
import { createSSEStream, type SSEStreamChannel } from './stream';

export type { SSEEvent } from './envelope';
export type { SSEFetchClient } from './fetch';
export type { SSEBody, SSEOptions, SSEPolyfill, SSETransport } from './options';
export { createSSEStream, type SSEStreamChannel, type SSEStreamOptions } from './stream';

/**
 * The client under an SSE channel: the `EventSource` (the platform's, or the polyfill's instance),
 * or over fetch the request's controller and response.
 */
export type SSEClient = EventSource | SSEFetchClient;
export type { UrlGetter } from '../common/urlGetter';

export interface SSEChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {
  /**
   * The escape hatch: the live attempt's {@link SSEClient}, or undefined between attempts (and
   * while an async `headers` getter is pending). Read from it (`readyState`, `response.headers`);
   * never `close()` or abort it: that bypasses the wire, and the channel would wait with no
   * connection. Use the channel's `close()` / `reconnect()`.
   */
  raw(): SSEClient | undefined;
}

/**
 * Server-Sent Events. Resumes from the last event id on every reconnect, with this library's
 * backoff (the server's `retry:` sets its base where the transport exposes it).
 *
 * @example
 * const alerts = createSSE<Alert>('/api/sse', { events: ['notification'] });
 * alerts.onMessage((alert) => toast(alert.data.title));
 *
 * A token-by-token AI answer over POST is a request, not a subscription: use `createSSEStream`.
 */
/** @deprecated `manual: true` is `createSSEStream(url, options)`. */
export function createSSE<TMessage, TData = TMessage>(
  url: string | URL | UrlGetter,
  options: SSEOptions<TMessage, TData> & { manual: true },
): SSEStreamChannel<TMessage, TData>;
export function createSSE<TMessage, TData = TMessage>(
  /**
   * The stream's URL, or a getter called before every connection (a token in the query that
   * expires; it may be async). Errors then name the URL without its query.
   */
  url: string | URL | UrlGetter,
  options?: SSEOptions<TMessage, TData>,
): SSEChannel<TMessage, TData>;
export function createSSE<TMessage, TData = TMessage>(
  url: string | URL | UrlGetter,
  options: SSEOptions<TMessage, TData> = {},
): SSEChannel<TMessage, TData> | SSEStreamChannel<TMessage, TData> {
  if (options.manual) {
    // `typeof process`: core also runs unbundled (no bundler to replace the check).
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      warnOnce(
        'sse-manual',
        '`manual: true` is deprecated: use createSSEStream(url, options), or useSSEStream in @tidings/react and @tidings/vue',
      );
    }
    return createSSEStream(url, options);
  }
  const config = sseConfigOf(url, options, () => options.body);
  const transport = options.transport ?? 'auto';
  const pauseWhenHidden = options.pauseWhenHidden ?? false;
  // `raw()` hands over what the driver's attempt holds: an SSEClient.
  return createChannel<TMessage, TData, Wire>(
    {
      key: wireKey('sse', {
        // A getter counts by reference (the bindings bind it to the latest closure): its URL
        // is only known per attempt.
        url: typeof url === 'function' ? url : config.url,
        events: [...config.events].sort(),
        transport,
        polyfill: options.polyfill !== undefined,
        method: config.method,
        headers: options.headers,
        body: options.body,
        withCredentials: config.withCredentials,
        idleTimeout: config.idleTimeout,
        messageId: messageIdKey(options.messageId),
        orderedIds: options.orderedIds,
        reconnect: options.reconnect,
        pauseWhenHidden,
      }),
      validate: () => validateSSE(url, options),
      toMessage: options.envelope ? toSSEEnvelope : undefined,
      createWire: (env) =>
        new Wire(sseDriverAt(url, config, transport, reconnectOnEnd, options.polyfill), env, {
          reconnect: options.reconnect,
          pauseWhenHidden,
          orderedIds: options.orderedIds,
        }),
    },
    options,
  ) as SSEChannel<TMessage, TData>;
}

/** A subscription's stream ending is a dropped connection: reconnect (EventSource semantics). */
function reconnectOnEnd(context: AttemptContext): void {
  context.fail(new TidingsError('network', 'The event stream ended'));
}
