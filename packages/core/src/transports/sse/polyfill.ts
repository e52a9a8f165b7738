import { configError, TidingsError, toTidingsError } from '../../errors';
import type { AttemptContext } from '../../wire';
import { peerLoader } from '../common/peer';
import { isAbort, resolveHeaders } from '../common/request';
import { startWatchdog, type Watchdog } from '../common/watchdog';
import { idleTimeoutOf, type SSEConfig } from './config';
import { type EventSourceLike, watchEventSource } from './eventSource';
import type { SSEPolyfill } from './options';
import { resumeRequest } from './request';
import { sseRefusal } from './response';

interface PolyfillInit {
  headers: Record<string, string>;
  withCredentials: boolean;
  heartbeatTimeout: number;
  Transport?: new () => PolyfillTransport;
}
type PolyfillConstructor = new (url: string, init: PolyfillInit) => EventSourceLike;

/** The polyfill clamps `heartbeatTimeout` to at most this (5 h): in effect, never. */
const POLYFILL_MAX_DURATION = 18_000_000;

const loadPolyfill = peerLoader<{ EventSourcePolyfill: PolyfillConstructor }>({
  load: () => import('event-source-polyfill'),
  pick: (module) =>
    typeof module.EventSourcePolyfill === 'function'
      ? { EventSourcePolyfill: module.EventSourcePolyfill as PolyfillConstructor }
      : undefined,
  missing: 'event-source-polyfill exports no EventSourcePolyfill',
});

/**
 * `event-source-polyfill`: EventSource semantics with request headers, for a browser without
 * EventSource or a GET that needs `Authorization`. Pass it as the `polyfill` option of an SSE
 * channel or hook; it lives on `@tidings/core/sse-polyfill` so that an app which never uses it
 * never bundles it, nor needs the package installed. The cursor goes in `Last-Event-ID`, and the
 * polyfill's error event carries the HTTP status, so no probe is needed.
 * `fallback` (used by `transport: 'auto'`) takes over when the package is not installed.
 *
 * @example
 * import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
 * createSSE('/api/sse', { headers: { Authorization: token }, polyfill: eventSourcePolyfill });
 */
export const eventSourcePolyfill: SSEPolyfill = (config, fallback) => ({
  start(context) {
    let stopped = false;
    let teardown: (() => void) | undefined;
    let source: EventSourceLike | undefined;
    /** The polyfill instance, or the fallback's client when the package is missing. */
    let raw = (): unknown => (stopped ? undefined : source);
    loadPolyfill().then(
      async ({ EventSourcePolyfill }) => {
        if (stopped) return;
        let headers: Record<string, string>;
        try {
          // Per attempt, awaited: an async getter hands over a refreshed token.
          headers = await resolveHeaders(config.headers);
        } catch (cause) {
          if (!stopped) context.fail(toTidingsError(cause, 'auth'));
          return;
        }
        if (stopped) return;
        try {
          const opened = open(EventSourcePolyfill, config, context, headers);
          source = opened.source;
          teardown = opened.teardown;
        } catch (cause) {
          // A throwing constructor: a failed attempt, not an unhandled rejection.
          context.fail(toTidingsError(cause, 'config'));
        }
      },
      (cause: unknown) => {
        if (stopped) return;
        if (fallback) {
          const attempt = fallback.start(context);
          teardown = () => attempt.close();
          raw = () => attempt.raw?.();
          return;
        }
        const error = configError(
          'transport "polyfill" needs the optional peer "event-source-polyfill": install it',
        );
        context.fail(new TidingsError('config', error.message, { cause, retryable: false }));
      },
    );
    return {
      close: () => {
        stopped = true;
        teardown?.();
      },
      raw: () => raw(),
    };
  },
});

function open(
  EventSourcePolyfill: PolyfillConstructor,
  config: SSEConfig,
  context: AttemptContext,
  resolvedHeaders: Record<string, string>,
): { source: EventSourceLike; teardown: () => void } {
  const headers = { ...resolvedHeaders };
  const resume = resumeRequest(config.url, context.cursor);
  if (resume.lastEventIdHeader !== undefined) headers['Last-Event-ID'] = resume.lastEventIdHeader;
  const fetch = context.env.fetch;
  const timeout = idleTimeoutOf(config, 'polyfill');
  // Over our transport every byte reaches the watchdog, so the polyfill's own timer (45 s, a
  // retryable network error) is pushed out of the way. Without fetch (XHR), only the polyfill
  // sees bytes: its timer is the idle timeout then.
  let watchdog: Watchdog | undefined;
  const source = new EventSourcePolyfill(resume.url, {
    headers,
    withCredentials: config.withCredentials,
    heartbeatTimeout: fetch || timeout === false ? POLYFILL_MAX_DURATION : timeout,
    ...(fetch ? { Transport: fetchTransport(fetch, () => watchdog?.alive()) } : {}),
  });
  // Started once the constructor did not throw (a throw fails the attempt, leaving no timer).
  if (fetch && timeout !== false) {
    watchdog = startWatchdog(context.env, timeout, `The event stream ${config.url}`, (error) =>
      context.fail(error),
    );
  }
  const dispose = watchEventSource(source, config, context, (event) => {
    const { status, headers: responseHeaders } = event as Event & {
      status?: number;
      headers?: { get(name: string): string | null };
    };
    const cause = (event as Event & { error?: unknown }).error;
    const refused =
      typeof status === 'number' && status !== 0
        ? sseRefusal(config.url, status, responseHeaders, context.env.now())
        : undefined;
    return (
      refused ??
      new TidingsError('network', `EventSource to ${config.url} lost its connection`, { cause })
    );
  });
  return {
    source,
    teardown: () => {
      watchdog?.stop();
      dispose();
    },
  };
}

type OnStart = (
  status: number,
  statusText: string,
  contentType: string | null,
  headers: Headers,
) => void;

/** The polyfill's pluggable transport: opens one request and streams its text back. */
interface PolyfillTransport {
  open(
    xhr: unknown,
    onStart: OnStart,
    onProgress: (text: string) => void,
    onFinish: (error?: unknown) => void,
    url: string,
    withCredentials: boolean,
    headers: Record<string, string>,
  ): { abort(): void };
}

/**
 * A transport for the polyfill over `env.fetch`, so tests and non-browser runtimes can inject it.
 * It also avoids a flaw of the polyfill's own fetch transport (1.0.31): closing after a broken
 * stream calls `reader.cancel()` on the errored stream without a catch, an unhandled rejection.
 */
export function fetchTransport(
  fetch: typeof globalThis.fetch,
  onBytes: () => void = () => undefined,
): new () => PolyfillTransport {
  return class FetchTransport implements PolyfillTransport {
    open(
      _xhr: unknown,
      onStart: OnStart,
      onProgress: (text: string) => void,
      onFinish: (error?: unknown) => void,
      url: string,
      withCredentials: boolean,
      headers: Record<string, string>,
    ) {
      const controller = new AbortController();
      const stream = async () => {
        const response = await fetch(url, {
          headers,
          credentials: withCredentials ? 'include' : 'same-origin',
          cache: 'no-store',
          signal: controller.signal,
        });
        onStart(
          response.status,
          response.statusText,
          response.headers.get('Content-Type'),
          response.headers,
        );
        if (!response.body || controller.signal.aborted) return;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          onBytes();
          onProgress(decoder.decode(value, { stream: true }));
        }
      };
      stream().then(
        () => onFinish(),
        (error: unknown) => onFinish(isAbort(error) ? undefined : error),
      );
      return { abort: () => controller.abort() };
    }
  };
}
