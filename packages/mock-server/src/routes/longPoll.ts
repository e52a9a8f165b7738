import { type Route, trackResponse } from '../context';
import { badRequest, nonNegativeInt } from '../errors';
import { holdJson, sendJson } from '../http';
import type { MockMessage } from '../types';

const DEFAULT_TIMEOUT = 25_000;
/** Same cap as the `latency` fault; past 2^31-1 ms `setTimeout` would fire at once instead. */
const MAX_TIMEOUT = 600_000;

/**
 * `GET /api/long-poll?cursor=&timeout=`: answers at once when messages after the cursor exist,
 * otherwise holds the request until one arrives or the timeout passes. A request without a cursor
 * is answered at once with the position (`{ messages: [], cursor }`), so the next one holds from
 * there; a cursor the log does not hold is answered at once with `reset: { reason }`.
 */
export const longPoll: Route = (_req, res, url, ctx) => {
  const given = nonNegativeInt('cursor', url.searchParams.get('cursor'));
  const timeout = nonNegativeInt('timeout', url.searchParams.get('timeout')) ?? DEFAULT_TIMEOUT;
  if (timeout > MAX_TIMEOUT) {
    throw badRequest(`timeout must be at most ${MAX_TIMEOUT} ms, got ${timeout}`);
  }
  trackResponse(ctx, 'longPoll', res);
  const resume = ctx.log.resume(given);
  const reply = (send: (body: unknown) => number, body: unknown) =>
    ctx.stats.bytes('longPoll', send(body));
  // Answered at once: no cursor (the position is the answer), a reset, or messages to replay.
  if (given === undefined || resume.reset || resume.messages.length > 0) {
    const cursor = resume.messages.at(-1)?.id ?? resume.position;
    const body = resume.reset
      ? { messages: resume.messages, cursor, reset: resume.reset }
      : { messages: resume.messages, cursor };
    reply((b) => sendJson(res, 200, b), body);
    return;
  }

  const send = holdJson(res);
  const disposers: Array<() => void> = [];
  const answer = (messages: MockMessage[]) => {
    for (const dispose of disposers) dispose();
    reply(send, { messages, cursor: messages.at(-1)?.id ?? String(given) });
  };
  const timer = setTimeout(() => answer([]), timeout);
  disposers.push(
    ctx.log.subscribe(() => answer(ctx.log.after(given))),
    () => clearTimeout(timer),
  );
  // The client went away (or drop() cut it): stop waiting for it.
  res.once('close', () => {
    for (const dispose of disposers) dispose();
  });
};
