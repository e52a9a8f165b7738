import { type Route, trackResponse } from '../context';
import { nonNegativeInt } from '../errors';
import { writer } from '../http';
import { wirePayload } from '../log';
import { ssePosition, sseReset } from '../resumeSignal';
import { sseFrame } from '../sseFrame';
import type { MockMessage } from '../types';

/**
 * `GET /api/sse`: replays messages after `Last-Event-ID` (header, or `?lastEventId=` for clients
 * that cannot set headers) and states the position (`tidings:position`), or answers a cursor the
 * log does not hold with `tidings:reset`; then streams live messages with `: ping` heartbeats.
 */
export const sse: Route = (req, res, url, ctx) => {
  const header = req.headers['last-event-id'];
  const lastEventId = nonNegativeInt(
    'Last-Event-ID',
    (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId'),
  );
  trackResponse(ctx, 'sse', res);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    // Proxies such as nginx would otherwise buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  const write = writer(ctx, 'sse', res);
  const send = (message: MockMessage) =>
    write(sseFrame({ id: message.id, event: message.type, data: wirePayload(message) }));

  write('retry: 1000\n: connected\n\n');
  const resume = ctx.log.resume(lastEventId);
  if (resume.reset) write(sseReset(resume.reset));
  for (const message of resume.messages) send(message);
  write(ssePosition(resume.position));
  const unsubscribe = ctx.log.subscribe(send);
  const heartbeat = setInterval(() => write(': ping\n\n'), ctx.heartbeatMs);
  res.once('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
  });
};
