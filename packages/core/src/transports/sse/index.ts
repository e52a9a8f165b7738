import { createChannel } from '../../channel';
import { TidingsError } from '../../errors';
import type { Channel } from '../../types';
import { type AttemptContext, Wire } from '../../wire';
import { wireKey } from '../../wireKey';
import { messageIdKey } from '../common/messageId';
import { sseConfigOf, sseDriver, validateSSE } from './driver';
import type { SSEFetchClient } from './fetch';
import type { SSEOptions } from './options';
import { createSSEStream, type SSEStreamChannel } from './stream';

export type { SSEFetchClient } from './fetch';
export type { SSEBody, SSEOptions, SSEPolyfill, SSETransport } from './options';
export type { SSEStreamChannel } from './stream';

/**
 * The client under an SSE channel: the `EventSource` (the platform's, or the polyfill's instance),
 * or over fetch the request's controller and response.
 */
export type SSEClient = EventSource | SSEFetchClient;

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
 * @example
 * // Token-by-token AI answer over POST
 * const answer = createSSE<{ token: string }, string>('/api/chat', {
 *   method: 'POST',
 *   manual: true,
 *   events: ['token'],
 *   reduce: (text = '', m) => text + m.token,
 * });
 * answer.start({ prompt: 'Hello' });
 */
export function createSSE<TMessage, TData = TMessage>(
  url: string | URL,
  options: SSEOptions<TMessage, TData> & { manual: true },
): SSEStreamChannel<TMessage, TData>;
export function createSSE<TMessage, TData = TMessage>(
  url: string | URL,
  options?: SSEOptions<TMessage, TData>,
): SSEChannel<TMessage, TData>;
export function createSSE<TMessage, TData = TMessage>(
  url: string | URL,
  options: SSEOptions<TMessage, TData> = {},
): SSEChannel<TMessage, TData> | SSEStreamChannel<TMessage, TData> {
  if (options.manual) return createSSEStream(url, options);
  const config = sseConfigOf(url, options, () => options.body);
  const transport = options.transport ?? 'auto';
  const pauseWhenHidden = options.pauseWhenHidden ?? false;
  // `raw()` hands over what the driver's attempt holds: an SSEClient.
  return createChannel<TMessage, TData, Wire>(
    {
      key: wireKey('sse', {
        url: config.url,
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
      createWire: (env) =>
        new Wire(sseDriver(config, transport, reconnectOnEnd, options.polyfill), env, {
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
