import { createChannel } from '../../channel';
import { channelInternals, extendChannel } from '../../channelInternals';
import { relayCall } from '../../crossTab/relayCall';
import { serveAcrossTabs } from '../../crossTab/serve';
import type { TidingsEnv } from '../../env';
import type { Channel, ChannelOptions } from '../../types';
import { type Attempt, type AttemptContext, type Driver, Wire } from '../../wire';
import { wireKey } from '../../wireKey';
import { sentReceipt } from '../common/outbox';
import { asError, type HeadersInput, isAbort, request, resolveHeaders } from '../common/request';
import {
  anyUrl,
  isUrlGetterSource,
  type UrlGetterSource,
  urlGetterDriver,
} from '../common/urlGetter';
import { checkDuration, checkUrl, firstError } from '../common/validate';
import { startWatchdog } from '../common/watchdog';

/**
 * A URL to GET, `{ url: getter }` (the URL computed on every attempt: a token in the query that
 * expires), or a function that fetches the value itself.
 */
export type PollingSource<TMessage> = PollingRequestSource<TMessage> | UrlGetterSource;

/** A source one request is made from: a URL, or the app's fetcher. */
type PollingRequestSource<TMessage> =
  | string
  | URL
  | ((context: { signal: AbortSignal }) => Promise<TMessage>);

export interface PollingOptions<TMessage, TData = TMessage>
  extends ChannelOptions<TMessage, TData> {
  /** Milliseconds between the end of one response and the next request. @default 5000 */
  interval?: number;
  /** Request headers for a URL source; a function is called before every request. @default {} */
  headers?: HeadersInput;
  /**
   * Milliseconds a request may go unanswered before it is aborted and retried (error kind
   * `timeout`): a request lost on a dead path would otherwise stop the polling for as long as the
   * platform waits. @default 30000
   */
  timeout?: number;
}

export interface PollingChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {
  /** Polls now (unless a request is already in flight), then resumes the interval. */
  refresh(): void;
}

/** One polling attempt keeps one request in flight; `refresh()` pulls the next one forward. */
export interface PollingAttempt extends Attempt {
  /** Polls now unless a request is in flight, then resumes the interval. */
  pollNow(): void;
}

export function pollingDriver<TMessage>(
  source: PollingRequestSource<TMessage>,
  interval: number,
  timeout: number,
  headers: HeadersInput | undefined,
): Driver<PollingAttempt> {
  return {
    start(context: AttemptContext) {
      const controller = new AbortController();
      let timer: unknown;
      let inFlight = false;
      // Only a request in flight is expected to answer; the wait between requests is not silence.
      const watchdog = startWatchdog(
        context.env,
        timeout,
        `The polling request to ${typeof source === 'function' ? 'the fetcher' : String(source)}`,
        (error) => context.fail(error),
      );
      const poll = async () => {
        timer = undefined;
        inFlight = true;
        watchdog.alive();
        try {
          const value = await fetchOnce(source, headers, context.env, controller.signal);
          watchdog.stop();
          context.opened();
          if (value.present) context.frame({ raw: value.raw, meta: {} });
          inFlight = false;
          if (!controller.signal.aborted) timer = context.env.setTimeout(poll, interval);
        } catch (error) {
          inFlight = false;
          watchdog.stop();
          if (!controller.signal.aborted && !isAbort(error)) context.fail(asError(error));
        }
      };
      void poll();
      return {
        pollNow() {
          if (inFlight || controller.signal.aborted) return;
          context.env.clearTimeout(timer);
          void poll();
        },
        close() {
          controller.abort();
          watchdog.stop();
          context.env.clearTimeout(timer);
        },
      };
    },
  };
}

async function fetchOnce<TMessage>(
  source: PollingRequestSource<TMessage>,
  headers: HeadersInput | undefined,
  env: TidingsEnv,
  signal: AbortSignal,
): Promise<{ present: boolean; raw: unknown }> {
  if (typeof source === 'function') return { present: true, raw: await source({ signal }) };
  const url = String(source);
  const response = await request(env, url, { headers: await resolveHeaders(headers), signal });
  if (response.status === 204) return { present: false, raw: undefined };
  return { present: true, raw: await response.text() };
}

/**
 * Short polling: a GET (or your fetcher) on a timer. Pauses while the page is hidden by default
 * and polls at once when it becomes visible again.
 *
 * @example
 * const unread = createPolling<{ unread: number }>('/api/notifications', { interval: 10_000 });
 * unread.subscribe(() => console.log(unread.getState().data?.unread));
 */
export function createPolling<TMessage, TData = TMessage>(
  source: PollingSource<TMessage>,
  options: PollingOptions<TMessage, TData> = {},
): PollingChannel<TMessage, TData> {
  const interval = options.interval ?? 5000;
  const timeout = options.timeout ?? 30_000;
  const pauseWhenHidden = options.pauseWhenHidden ?? true;
  const channel = createChannel<TMessage, TData, Wire<PollingAttempt>>(
    {
      key: wireKey('polling', {
        // A function (fetcher or url getter) by identity.
        source:
          typeof source === 'function'
            ? source
            : isUrlGetterSource(source)
              ? source.url
              : String(source),
        interval,
        timeout,
        headers: options.headers,
        pauseWhenHidden,
        reconnect: options.reconnect,
      }),
      validate: () =>
        firstError(
          typeof source === 'function' || isUrlGetterSource(source)
            ? undefined
            : checkUrl('source', source),
          checkDuration('interval', interval),
          checkDuration('timeout', timeout),
        ),
      createWire: (env) => {
        const driver = isUrlGetterSource(source)
          ? urlGetterDriver(
              source.url,
              anyUrl,
              (url) => pollingDriver(url, interval, timeout, options.headers),
              // Before the getter answered there is no request to pull forward: the first is now.
              (inner) => ({ pollNow: () => inner()?.pollNow() }),
            )
          : pollingDriver(source, interval, timeout, options.headers);
        const wire = new Wire(driver, env, {
          reconnect: options.reconnect,
          pauseWhenHidden,
          replayLast: true,
        });
        serveAcrossTabs(wire, 'refresh', () => {
          if (wire.attempt) wire.attempt.pollNow();
          else wire.reconnect();
          return sentReceipt();
        });
        return wire;
      },
    },
    options,
  );
  const internals = channelInternals<Wire<PollingAttempt>>(channel);
  return extendChannel(channel, {
    ...channel,
    refresh() {
      const wire = internals.wire();
      if (!wire) {
        // Like reconnect(): reopens after close(), held open only when nobody listens.
        channel.reconnect();
        return;
      }
      // A tab that follows has no request of its own: the leading tab polls for every tab.
      if (relayCall(wire, 'refresh', [], internals.report)) return;
      // Between attempts (a retry waiting, a hidden page) there is nothing to pull forward.
      if (wire.attempt) wire.attempt.pollNow();
      else wire.reconnect();
    },
  });
}
