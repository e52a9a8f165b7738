import type { ServerResponse } from 'node:http';
import { type Route, trackResponse } from '../context';
import { badRequest, nonNegativeInt } from '../errors';
import { writer } from '../http';
import { wireMessage } from '../log';
import { positionFrame, resetFrame } from '../resumeSignal';
import type { MockMessage } from '../types';

/** Posted before any message so the client knows the stream is up (an iframe has no handshake). */
export const IFRAME_OPEN_TYPE = 'tidings:open';
/**
 * Posted every heartbeat. A page cannot see a cut iframe response (Chromium fires no `load` for a
 * truncated chunked body), so clients treat silence longer than a few heartbeats as a dead stream.
 */
export const IFRAME_PING_TYPE = 'tidings:ping';

/**
 * Posted by the refusal page of a request without an accepted token: a page cannot read an
 * iframe's HTTP status, so the status travels in the message.
 */
export const IFRAME_REFUSED_TYPE = 'tidings:refused';

/** Browsers buffer the first KB or so of a document before running scripts; pad past it. */
const PADDING = `<!--${' '.repeat(2048)}-->\n`;

/**
 * A value as a JS literal that is safe inside `<script>`: `</script>`, `<!--` and the line
 * separators JS once rejected can never appear raw, whatever the message holds.
 */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

function targetOrigin(value: string | null): string {
  if (value === null || value === '') return '*';
  let origin: string;
  try {
    origin = new URL(value).origin;
  } catch {
    throw badRequest(`origin must be a URL origin such as http://localhost:6006, got "${value}"`);
  }
  if (origin === 'null') throw badRequest(`origin "${value}" has no http(s) origin`);
  return origin;
}

/**
 * `GET /iframe/stream?origin=&lastEventId=`: a never-ending HTML page of postMessage scripts: the
 * replay after `lastEventId`, the position (or reset) control frame, then live messages.
 */
export const iframe: Route = (_req, res, url, ctx) => {
  const origin = scriptLiteral(targetOrigin(url.searchParams.get('origin')));
  const lastEventId = nonNegativeInt('lastEventId', url.searchParams.get('lastEventId'));
  trackResponse(ctx, 'iframe', res);
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  const write = writer(ctx, 'iframe', res);
  const post = (value: unknown) =>
    write(`<script>parent.postMessage(${scriptLiteral(value)}, ${origin})</script>\n`);
  const send = (message: MockMessage) => post(message.raw ?? wireMessage(message));

  write(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n${PADDING}`);
  post({ type: IFRAME_OPEN_TYPE });
  const resume = ctx.log.resume(lastEventId);
  if (resume.reset) post(resetFrame(resume.reset));
  for (const message of resume.messages) send(message);
  post(positionFrame(resume.position));
  const unsubscribe = ctx.log.subscribe(send);
  const heartbeat = setInterval(() => post({ type: IFRAME_PING_TYPE }), ctx.heartbeatMs);
  res.once('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
  });
};

/**
 * The answer to an iframe stream request refused in auth mode: a 401 whose HTML page posts
 * `{ type: 'tidings:refused', status: 401, reason }` to the parent, so the client can tell a
 * refused token from a stream that ended, and refresh it.
 */
export function refuseIframe(res: ServerResponse, url: URL, reason: string): void {
  const origin = scriptLiteral(targetOrigin(url.searchParams.get('origin')));
  const refusal = scriptLiteral({ type: IFRAME_REFUSED_TYPE, status: 401, reason });
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n<script>parent.postMessage(${refusal}, ${origin})</script>\n</body></html>\n`,
  );
}
