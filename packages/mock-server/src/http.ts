import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, HttpError } from './errors';

const DEFAULT_ALLOW_HEADERS = 'Content-Type, Last-Event-ID, Authorization';

/**
 * Browsers (Storybook on another port) call every endpoint cross-origin. A preflight gets back
 * the headers it asks for, so a client with a custom header passes; without credentials
 * (`Allow-Origin: *`), echoing them grants nothing a cookie could abuse.
 */
export function setCors(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', requested || DEFAULT_ALLOW_HEADERS);
  res.setHeader('Vary', 'Access-Control-Request-Headers');
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

/** Writes a chunk and reports its size, so streaming routes can count bytes per transport. */
export function writer(res: ServerResponse, count: (bytes: number) => void) {
  return (chunk: string): void => {
    if (res.destroyed || res.writableEnded) return;
    count(Buffer.byteLength(chunk));
    res.write(chunk);
  };
}

/** Request bodies here are tiny control or chat payloads; anything bigger is a mistake. */
const BODY_LIMIT = 64 * 1024;

/** Reads the body as JSON; an empty body reads as `{}` so `POST /control/drop` needs none. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, `body must be at most ${BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
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
