import type { TidingsEnv } from '../../env';
import { TidingsError } from '../../errors';
import { decodeJson } from '../../parse';
import { type HeadersInput, request, resolveHeaders } from '../common/request';
import type { UrlGetterSource } from '../common/urlGetter';
import { withQuery } from '../common/withQuery';

/** One long-poll answer: the messages after the cursor sent, and the cursor to send next. */
export interface LongPollAnswer<TMessage> {
  messages: TMessage[];
  cursor: string;
  /**
   * Set when the server could not resume from the cursor sent (it fell out of its log, or the
   * log was lost in a restart): messages may have been missed. `reset.cursor` is where the
   * `messages` of this answer start (what the server still holds); without it, `cursor`.
   */
  reset?: { reason?: string; cursor?: string };
}

/**
 * A URL to GET, `{ url: getter }` (the URL computed on every attempt: a token in the query that
 * expires), or a function that asks for the next answer itself.
 */
export type LongPollSource<TMessage> = LongPollRequestSource<TMessage> | UrlGetterSource;

/** A source one request is made from: a URL, or the app's fetcher. */
export type LongPollRequestSource<TMessage> =
  | string
  | URL
  | ((context: {
      cursor: string | undefined;
      signal: AbortSignal;
    }) => Promise<LongPollAnswer<TMessage>>);

/** What one request produced: an answer to deliver, or a malformed one to report and skip. */
export type LongPollResult =
  | {
      ok: true;
      messages: unknown[];
      cursor: string | undefined;
      reset?: { reason: string; cursor?: string };
    }
  | { ok: false; error: TidingsError };

export interface LongPollRequest {
  cursor: string | undefined;
  timeout: number | undefined;
  headers: HeadersInput | undefined;
  env: TidingsEnv;
  signal: AbortSignal;
  /** The server accepted the request (status and headers arrived) while it may still hold it. */
  onAccepted?: () => void;
}

/**
 * Asks once. Network and HTTP failures throw (the wire retries them); a 200 whose body is not a
 * `{ messages: [], cursor: "" }` object comes back as `ok: false`, so polling can go on.
 */
export async function fetchAnswer<TMessage>(
  source: LongPollRequestSource<TMessage>,
  { cursor, timeout, headers, env, signal, onAccepted }: LongPollRequest,
): Promise<LongPollResult> {
  if (typeof source === 'function') {
    return checkAnswer(await source({ cursor, signal }), 'the long-poll source function');
  }
  const url = withQuery(String(source), {
    cursor,
    timeout: timeout === undefined ? undefined : String(timeout),
  });
  const response = await request(env, url, { headers: await resolveHeaders(headers), signal });
  onAccepted?.();
  // "Nothing new, ask again" without a body: keep the cursor we have.
  if (response.status === 204) return { ok: true, messages: [], cursor };
  const decoded = decodeJson(await response.text());
  if (!decoded.ok) {
    return malformed(url, 'the body is not JSON', decoded.error);
  }
  return checkAnswer(decoded.value, url);
}

function checkAnswer(value: unknown, from: string): LongPollResult {
  const answer = value as Partial<LongPollAnswer<unknown>> | null;
  if (!answer || typeof answer !== 'object' || !Array.isArray(answer.messages)) {
    return malformed(from, 'no "messages" array');
  }
  if (typeof answer.cursor !== 'string') {
    return malformed(from, 'no string "cursor"');
  }
  if (answer.reset === undefined) {
    return { ok: true, messages: answer.messages, cursor: answer.cursor };
  }
  const { reason, cursor } = (answer.reset ?? {}) as { reason?: unknown; cursor?: unknown };
  const reset: { reason: string; cursor?: string } = {
    reason: typeof reason === 'string' && reason !== '' ? reason : 'no reason given',
  };
  if (typeof cursor === 'string' && cursor !== '') reset.cursor = cursor;
  return { ok: true, messages: answer.messages, cursor: answer.cursor, reset };
}

function malformed(from: string, problem: string, cause?: unknown): LongPollResult {
  return {
    ok: false,
    error: new TidingsError(
      'parse',
      `Malformed long-poll answer from ${from}: ${problem} (expected { messages: [...], cursor: "..." })`,
      { cause, retryable: false },
    ),
  };
}
