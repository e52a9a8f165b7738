import { configError, type TidingsError } from '../../errors';
import type { AttemptContext, Driver } from '../../wire';
import { anyUrl, URL_GETTER_NAME, type UrlGetter, urlGetterDriver } from '../common/urlGetter';
import { checkDuration, checkUrl, firstError } from '../common/validate';
import type { SSEConfig } from './config';
import { sseFetchDriver } from './fetch';
import { sseNativeDriver } from './native';
import type { SSEBody, SSEOptions, SSEPolyfill, SSETransport } from './options';

/** The options that shape the wire (not the consumer's parse/reduce/callbacks). */
export type WireOptionsOfSSE = Pick<
  SSEOptions<unknown>,
  | 'events'
  | 'transport'
  | 'method'
  | 'headers'
  | 'body'
  | 'withCredentials'
  | 'manual'
  | 'idleTimeout'
  | 'messageId'
  | 'polyfill'
>;

/** A getter's URL is only known per attempt: the config names it, and `sseDriverAt` resolves it. */
export function sseConfigOf(
  url: string | URL | UrlGetter,
  options: WireOptionsOfSSE,
  body: () => SSEBody | undefined,
): SSEConfig {
  return {
    url: typeof url === 'function' ? URL_GETTER_NAME : String(url),
    events: options.events ?? ['message'],
    method: (options.method ?? 'GET').toUpperCase(),
    headers: options.headers,
    body,
    withCredentials: options.withCredentials ?? false,
    idleTimeout: options.idleTimeout,
    messageId: options.messageId,
  };
}

/**
 * Picks the client for `transport`; `auto` decides per attempt, since it depends on `env`.
 * `validateSSE` has already refused `polyfill` without the `polyfill` option.
 */
export function sseDriver(
  config: SSEConfig,
  transport: SSETransport,
  onEnd: (context: AttemptContext) => void,
  polyfill: SSEPolyfill | undefined,
): Driver {
  const viaFetch = sseFetchDriver(config, onEnd);
  if (transport === 'fetch') return viaFetch;
  if (transport === 'native') return sseNativeDriver(config);
  if (transport === 'polyfill' && polyfill) return polyfill(config);
  const native = sseNativeDriver(config);
  const withoutEventSource = polyfill ? polyfill(config, viaFetch) : viaFetch;
  return {
    start(context) {
      if (config.method !== 'GET' || config.body() !== undefined) return viaFetch.start(context);
      if (config.headers === undefined && context.env.EventSource) return native.start(context);
      return withoutEventSource.start(context);
    },
  };
}

/**
 * The driver of a channel at `url`: a fixed URL goes straight to {@link sseDriver}; a getter is
 * called (and awaited) before every attempt, whose errors then name the URL without its query.
 */
export function sseDriverAt(
  url: string | URL | UrlGetter,
  config: SSEConfig,
  transport: SSETransport,
  onEnd: (context: AttemptContext) => void,
  polyfill: SSEPolyfill | undefined,
): Driver {
  if (typeof url !== 'function') return sseDriver(config, transport, onEnd, polyfill);
  return urlGetterDriver(url, anyUrl, (resolved) =>
    sseDriver({ ...config, url: resolved }, transport, onEnd, polyfill),
  );
}

/** Checks the options; a bad one becomes a `config` error naming it. */
export function validateSSE(
  /** A getter's URL is checked per attempt, by `sseDriverAt`. */
  url: string | URL | UrlGetter,
  options: WireOptionsOfSSE,
): TidingsError | undefined {
  const transport = options.transport ?? 'auto';
  const method = (options.method ?? 'GET').toUpperCase();
  const eventSource = transport === 'native' || transport === 'polyfill';
  return firstError(
    typeof url === 'function' ? undefined : checkUrl('url', url),
    ['auto', 'native', 'polyfill', 'fetch'].includes(transport)
      ? undefined
      : configError(`transport must be 'auto', 'native', 'polyfill' or 'fetch', got ${transport}`),
    Array.isArray(options.events) || options.events === undefined
      ? undefined
      : configError('events must be an array of event types'),
    eventSource && (method !== 'GET' || options.body !== undefined)
      ? configError(`method ${method} and body need transport 'fetch' (EventSource only GETs)`)
      : undefined,
    transport === 'polyfill' && typeof options.polyfill !== 'function'
      ? configError(
          "transport 'polyfill' needs the polyfill option: eventSourcePolyfill from '@tidings/core/sse-polyfill'",
        )
      : undefined,
    transport === 'native' && options.headers !== undefined
      ? configError(
          "headers need transport 'polyfill' or 'fetch' (native EventSource cannot send them)",
        )
      : undefined,
    options.idleTimeout === false ? undefined : checkDuration('idleTimeout', options.idleTimeout),
    options.manual && eventSource
      ? configError(`manual streams use transport 'fetch', not '${transport}'`)
      : undefined,
  );
}
