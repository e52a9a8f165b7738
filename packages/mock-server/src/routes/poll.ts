import { type Route, trackResponse } from '../context';
import { sendJson } from '../http';

/** How many recent messages a short poll returns. */
const ITEMS = 20;

/** `GET /api/notifications`: the short-poll snapshot `{ unread, items }`. */
export const poll: Route = (_req, res, _url, ctx) => {
  trackResponse(ctx, 'poll', res);
  const bytes = sendJson(res, 200, { unread: ctx.log.unread, items: ctx.log.last(ITEMS) });
  ctx.stats.bytes('poll', bytes);
};
