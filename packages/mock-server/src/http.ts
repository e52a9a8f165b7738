import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from './context';
import { badRequest, HttpError } from './errors';
import { cutIfSlow } from './slowConsumer';
import type { TransportName } from './types';

const DEFAULT_ALLOW_HEADERS = 'Content-Type, Last-Event-ID, Authorization';

/**
 * CORS for an allowed page origin (the access check refused every other one already): only that
 * origin is echoed, never `*`, so no other page can read an answer. A preflight gets back the
 * headers it asks for, so a client with a custom header passes; no credentials are ever allowed.
 */
export function setCors(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string | undefined,
): void {
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers');
  if (origin === undefined) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Headers', requested || DEFAULT_ALLOW_HEADERS);
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
}

/** Sends a JSON body and returns its size in bytes. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): number {
  const text = JSON.stringify(body);
  const length = Buffer.byteLength(text);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': length,
    'Cache-Control': 'no-store',
  });
  res.end(text);
  return length;
}

/**
 * Commits a 200 JSON response now and returns the function that sends its body later. A held long
 * poll flushes its headers at once so clients know the server accepted them (tidings shows the
 * channel `open`) while the body waits for news.
 */
export function holdJson(res: ServerResponse): (body: unknown) => number {
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.flushHeaders();
  return (body) => {
    const text = JSON.stringify(body);
    res.end(text);
    return Buffer.byteLength(text);
  };
}

/**
 * Writes a chunk to a streaming response and counts its bytes for `transport`; a client that
 * stopped reading is cut off instead (see `cutIfSlow`).
 */
export function writer(ctx: ServerContext, transport: TransportName, res: ServerResponse) {
  return (chunk: string): void => {
    if (res.destroyed || res.writableEnded) return;
    if (cutIfSlow(ctx, res.writableLength, () => res.destroy())) return;
    // As bytes, not as the string: a socket keeps a string chunk on the JS heap until it is sent,
    // so a few clients that read slowly held megabytes of heap each until they were cut, and a
    // capped heap ran out (measured: test/mock-server/memory.test.ts on a loaded machine).
    const bytes = Buffer.from(chunk);
    ctx.stats.bytes(transport, bytes.length);
    res.write(bytes);
  };
}

const isJsonType = (contentType: string): boolean =>
  (contentType.split(';')[0] ?? '').trim().toLowerCase() === 'application/json';

/**
 * Reads the body as JSON; an empty body reads as `{}` so `POST /control/drop` needs none. Bodies
 * past `limit` bytes are refused with 413. With `requireJsonType`, a body must say it is
 * `application/json` (415 otherwise): browsers send `text/plain` cross-origin without asking the
 * server first, a JSON content type they never send without a preflight.
 */
export async function readJson(
  req: IncomingMessage,
  limit: number,
  { requireJsonType = false }: { requireJsonType?: boolean } = {},
): Promise<unknown> {
  const type = req.headers['content-type'];
  const unsupported = () =>
    new HttpError(
      415,
      `body must be sent as Content-Type: application/json, not ${type ?? 'none'}`,
    );
  if (requireJsonType && type !== undefined && !isJsonType(type)) throw unsupported();
  const tooLarge = () => new HttpError(413, `body must be at most ${limit} bytes`);
  if (Number(req.headers['content-length']) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client went away or sent a broken chunked body: its fault, not a bug of ours.
    throw badRequest(`request body could not be read (${(error as Error).message})`);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  if (requireJsonType && type === undefined) throw unsupported();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`body must be valid JSON (${(error as Error).message})`);
  }
}

/** Narrows a parsed body to a plain object, or refuses it. */
export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}
