import type { TidingsEnv } from '../../env';
import { configError, TidingsError } from '../../errors';
import type { Driver } from '../../wire';
import { asError, request } from '../common/request';
import { startWatchdog } from '../common/watchdog';
import { withQuery } from '../common/withQuery';
import { idleTimeoutOf, type SSEConfig } from './config';
import { watchEventSource } from './eventSource';
import { sseRefusal } from './response';

/**
 * The platform EventSource (plain GET, no headers). It cannot send `Last-Event-ID` on a fresh
 * connection, so the cursor goes in the `lastEventId` query parameter.
 *
 * A native EventSource never tells why it failed. When it gave up by itself (readyState CLOSED:
 * a non-200 status, 204 or a wrong Content-Type), one probe GET of the same URL learns the status,
 * so a 401 stops and a 503 honours Retry-After, like the other transports. When it meant to
 * reconnect (a dropped connection), the failure is a retryable network error and no probe is sent.
 */
export function sseNativeDriver(config: SSEConfig): Driver {
  return {
    start(context) {
      const { env } = context;
      const EventSource = env.EventSource;
      if (!EventSource) {
        const error = configError(
          'transport "native" needs EventSource: pass env.EventSource or use transport "polyfill" or "fetch"',
        );
        void Promise.resolve().then(() => context.fail(error));
        return { close() {} };
      }
      const url =
        context.cursor === undefined
          ? config.url
          : withQuery(config.url, { lastEventId: context.cursor });
      const probes = new AbortController();
      const source = new EventSource(url, { withCredentials: config.withCredentials });
      // Off unless set: the native agent hides comments, so only events can prove life here.
      const timeout = idleTimeoutOf(config, 'native');
      const watchdog =
        timeout === false
          ? undefined
          : startWatchdog(env, timeout, `The EventSource ${config.url}`, (error) =>
              context.fail(error),
            );
      const dispose = watchEventSource(
        source,
        config,
        context,
        (_event, closedByAgent) =>
          closedByAgent
            ? probe(url, config, env, probes.signal)
            : new TidingsError('network', `EventSource lost its connection to ${config.url}`),
        () => watchdog?.alive(),
      );
      return {
        raw: () => source,
        close: () => {
          watchdog?.stop();
          probes.abort();
          dispose();
        },
      };
    },
  };
}

async function probe(
  url: string,
  config: SSEConfig,
  env: TidingsEnv,
  signal: AbortSignal,
): Promise<TidingsError> {
  const unknown = new TidingsError('network', `EventSource to ${config.url} failed`);
  if (!env.fetch) return unknown;
  try {
    const response = await request(env, url, {
      headers: { Accept: 'text/event-stream' },
      credentials: config.withCredentials ? 'include' : 'same-origin',
      cache: 'no-store',
      signal,
    });
    // Only the status line and headers are wanted; a healthy stream is cut at once.
    response.body?.cancel().catch(() => undefined);
    return sseRefusal(config.url, response.status, response.headers, env.now()) ?? unknown;
  } catch (error) {
    return asError(error);
  }
}
