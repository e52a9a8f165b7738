import { type Route, trackResponse } from '../context';
import { badRequest, nonNegativeInt } from '../errors';
import { holdJson, sendJson } from '../http';
import type { MockMessage } from '../types';

const DEFAULT_TIMEOUT = 25_000;
/** Same cap as the `latency` fault; past 2^31-1 ms `setTimeout` would fire at once instead. */
const MAX_TIMEOUT = 600_000;

/**
 * `GET /api/long-poll?cursor=&timeout=`: answers at once when messages after the cursor exist,
 * otherwise holds the request until one arrives or the timeout passes.
 */
export const longPoll: Route = (_req, res, url, ctx) => {
  const given = nonNegativeInt('cursor', url.searchParams.get('cursor'));
  const timeout = nonNegativeInt('timeout', url.searchParams.get('timeout')) ?? DEFAULT_TIMEOUT;
  if (timeout > MAX_TIMEOUT) {
    throw badRequest(`timeout must be at most ${MAX_TIMEOUT} ms, got ${timeout}`);
  }
  // Without a cursor the client starts "from now": nothing already sent, even if cleared by reset.
  const cursor = given ?? ctx.log.lastIssued;
  trackResponse(ctx, 'longPoll', res);

  const disposers: Array<() => void> = [];
  let send = (body: unknown) => sendJson(res, 200, body);
  const answer = (messages: MockMessage[]) => {
    for (const dispose of disposers) dispose();
    const next = messages.at(-1)?.id ?? (given === undefined ? ctx.log.latestId() : String(given));
    ctx.stats.bytes('longPoll', send({ messages, cursor: next }));
  };

  const pending = ctx.log.after(cursor);
  if (pending.length > 0) {
    answer(pending);
    return;
  }
  send = holdJson(res);
  const timer = setTimeout(() => answer([]), timeout);
  disposers.push(
    ctx.log.subscribe(() => answer(ctx.log.after(cursor))),
    () => clearTimeout(timer),
  );
  // The client went away (or drop() cut it): stop waiting for it.
  res.once('close', () => {
    for (const dispose of disposers) dispose();
  });
};
