import { backoff, type ResolvedReconnect } from '../../backoff';
import { decodeJson } from '../../parse';
import type { AttemptContext, Driver, Frame } from '../../wire';
import { type MessageId, readMessageId } from '../common/messageId';
import { asError, type HeadersInput, isAbort } from '../common/request';
import { startWatchdog } from '../common/watchdog';
import { fetchAnswer, type LongPollRequestSource, type LongPollResult } from './answer';

/** How much longer than the hold time asked for the client waits before giving up on a request. */
const TIMEOUT_GRACE = 5000;
/** Hold time assumed when `timeout` is not given: proxies commonly cut idle requests at 60 s. */
const ASSUMED_HOLD = 60_000;

export interface LongPollConfig<TMessage> {
  source: LongPollRequestSource<TMessage>;
  timeout: number | undefined;
  headers: HeadersInput | undefined;
  messageId: MessageId | undefined;
  /** Spaces out requests while the server keeps answering garbage. */
  malformedSchedule: ResolvedReconnect;
}

/** Names a source in an error: the URL, or "the fetcher" for a source function. */
function describeSource<TMessage>(source: LongPollRequestSource<TMessage>): string {
  return typeof source === 'function' ? 'the fetcher' : String(source);
}

/**
 * One attempt = a chain of requests, one in flight at a time, each sent the moment the previous
 * answer is delivered. The chain ends with the attempt (failure, pause, close).
 */
export function longPollDriver<TMessage>(config: LongPollConfig<TMessage>): Driver {
  const { source, timeout, headers, messageId, malformedSchedule } = config;
  return {
    start(context: AttemptContext) {
      const { env } = context;
      const controller = new AbortController();
      // The attempt's cursor is a snapshot; later answers move it within the chain.
      let cursor = context.cursor;
      let malformedStreak = 0;
      // The wait between garbage answers; not a liveness timer (that is the watchdog).
      let retryTimer: unknown;
      // Each request must be answered within the hold time plus grace; between requests (the
      // wait after a garbage answer) nothing is expected, so the watchdog is stopped.
      const watchdog = startWatchdog(
        env,
        (timeout ?? ASSUMED_HOLD) + TIMEOUT_GRACE,
        `The long-poll request to ${describeSource(source)}`,
        (error) => context.fail(error),
      );

      const poll = async () => {
        watchdog.alive();
        let result: Awaited<ReturnType<typeof fetchAnswer>>;
        try {
          result = await fetchAnswer(source, {
            cursor,
            timeout,
            headers,
            env,
            signal: controller.signal,
            // A server that flushes headers before holding the body has accepted us: show the
            // channel open now rather than after the first news, which may be minutes away.
            onAccepted: () => {
              if (!controller.signal.aborted) context.opened();
            },
          });
        } catch (error) {
          watchdog.stop();
          if (!controller.signal.aborted && !isAbort(error)) context.fail(asError(error));
          return;
        }
        watchdog.stop();
        // Torn down while the answer was on its way (paused, closed, timed out): drop it.
        if (controller.signal.aborted) return;
        if (!result.ok) {
          // A broken server can answer garbage instantly: re-asking at once would spin, so wait
          // with full jitter, growing while the garbage goes on. Not a failure: nothing to resume.
          context.report(result.error);
          retryTimer = env.setTimeout(
            () => void poll(),
            backoff(malformedStreak++, malformedSchedule, env.random),
          );
          return;
        }
        malformedStreak = 0;
        context.opened();
        cursor = deliverAnswer(result, messageId, context) ?? cursor;
        // A consumer callback may have closed the channel while we delivered.
        if (!controller.signal.aborted) void poll();
      };

      void poll();
      return {
        close: () => {
          controller.abort();
          watchdog.stop();
          if (retryTimer !== undefined) env.clearTimeout(retryTimer);
        },
      };
    },
  };
}

/**
 * Delivers one good answer: a reset moves the cursor to where the replay in it starts (the
 * server's floor), then the replayed messages and the answer's cursor move it on. Returns the
 * answer's cursor, the next request's (undefined when the answer gave none).
 */
export function deliverAnswer(
  answer: Extract<LongPollResult, { ok: true }>,
  messageId: MessageId | undefined,
  context: AttemptContext,
): string | undefined {
  const resetCursor = answer.reset?.cursor ?? answer.cursor;
  if (answer.reset && resetCursor !== undefined) context.reset(resetCursor, answer.reset.reason);
  for (const item of answer.messages) context.frame(itemFrame(item, messageId, context));
  if (answer.cursor !== undefined) context.setCursor(answer.cursor);
  return answer.cursor;
}

/** An item sent as JSON text is decoded once, so its id is read from the decoded value. */
export function itemFrame(
  item: unknown,
  messageId: MessageId | undefined,
  context: AttemptContext,
): Frame {
  const frame: Frame = { raw: item, meta: {} };
  if (typeof item === 'string') frame.json = decodeJson(item);
  frame.id = readMessageId(messageId, frame, context);
  return frame;
}
