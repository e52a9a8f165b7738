import { type ResolvedReconnect, resolveReconnect } from '../backoff';
import type { TidingsEnv } from '../env';
import { TidingsError } from '../errors';
import type { SocketPayload } from '../transports/common/encode';
import type { MessageId } from '../transports/common/messageId';
import type { OutboxOwner, SendReceipt } from '../transports/common/outbox';
import { Outbox } from '../transports/common/outbox';
import type { HeadersInput } from '../transports/common/request';
import { fetchAnswer, type LongPollResult } from '../transports/longPoll/answer';
import { deliverAnswer, longPollDriver } from '../transports/longPoll/driver';
import { pollingDriver } from '../transports/polling';
import { sseConfigOf, sseDriver } from '../transports/sse/driver';
import type { SSETransport } from '../transports/sse/options';
import { resolveSocketUrl } from '../transports/webSocket/url';
import { webSocketDriver } from '../transports/webSocket/wire';
import type { Attempt, Driver } from '../wire';
import type { RealtimeTransport } from './options';

/** One live connection of one transport; WebSocket's can also write. */
export interface TierAttempt extends Attempt {
  write?(owner: OutboxOwner, message: unknown, data: SocketPayload): SendReceipt | undefined;
}

/** A transport of the fallback order: its name and the built-in driver that runs it. */
export interface Tier {
  name: RealtimeTransport;
  driver: Driver<TierAttempt>;
}

/** What the built-in drivers need, gathered from `createRealtime`'s options. */
export interface TierSettings {
  url: string;
  messageId: MessageId;
  events: string[];
  sseTransport: SSETransport;
  headers: HeadersInput | undefined;
  longPollTimeout: number | undefined;
  pollInterval: number;
}

/** Short polls are asked not to be held: a network that cuts held requests lets them through. */
const NO_HOLD = 0;
/** How long a short poll may go unanswered, as `createPolling`'s default. */
const POLL_REQUEST_TIMEOUT = 30_000;

/**
 * The driver of one transport, the same one its own factory runs (nothing is reimplemented): the
 * composite only decides which of them runs and hands each the cursor the last one reached.
 */
export function tierDriver(
  name: RealtimeTransport,
  settings: TierSettings,
  env: TidingsEnv,
): Driver<TierAttempt> {
  switch (name) {
    case 'webSocket': {
      const resolved = resolveSocketUrl(settings.url, env.window);
      if (!resolved.ok) return failing(resolved.error);
      // Sends never queue in this outbox: the composite refuses or POSTs while no socket is open.
      return webSocketDriver(
        {
          url: resolved.url,
          protocols: undefined,
          heartbeat: false,
          messageId: settings.messageId,
        },
        new Outbox(),
      );
    }
    case 'sse': {
      const config = sseConfigOf(
        settings.url,
        { events: settings.events, headers: settings.headers },
        () => undefined,
      );
      return sseDriver(
        config,
        settings.sseTransport,
        (context) => context.fail(new TidingsError('network', 'The event stream ended')),
        undefined,
      );
    }
    case 'longPoll':
      return longPollDriver({
        source: settings.url,
        timeout: settings.longPollTimeout,
        headers: settings.headers,
        messageId: settings.messageId,
        malformedSchedule: resolveReconnect(true) as ResolvedReconnect,
      });
    case 'polling':
      return shortPollDriver(settings);
  }
}

/**
 * Short polling over the long-poll answer format: `createPolling`'s driver (interval, request
 * timeout, one request in flight) asking for `timeout=0` from the cursor, each answer split into
 * its messages so they carry ids like every other transport's.
 */
function shortPollDriver(settings: TierSettings): Driver<TierAttempt> {
  return {
    start(context) {
      let cursor = context.cursor;
      const ask = ({ signal }: { signal: AbortSignal }) =>
        fetchAnswer(settings.url, {
          cursor,
          timeout: NO_HOLD,
          headers: settings.headers,
          env: context.env,
          signal,
        });
      const polling = pollingDriver(ask, settings.pollInterval, POLL_REQUEST_TIMEOUT, undefined);
      return polling.start({
        // Every context is a plain object: the spread copies its members (and reads `cursor` now).
        ...context,
        frame(frame) {
          const result = frame.raw as LongPollResult;
          if (!result.ok) {
            context.report(result.error);
            return;
          }
          cursor = deliverAnswer(result, settings.messageId, context) ?? cursor;
        },
      });
    },
  };
}

/** A transport that cannot run here: every attempt fails with its `config` error. */
function failing(error: TidingsError): Driver<TierAttempt> {
  return {
    start(context) {
      context.env.queueMicrotask(() => context.fail(error));
      return { close() {} };
    },
  };
}
