import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError } from './errors';
import type { Failure } from './faults';
import { sendJson } from './http';

/** The HTTP status and message a thrown error is answered with. */
function describe(error: unknown): { status: number; message: string } {
  if (error instanceof HttpError) return { status: error.status, message: error.message };
  // A bug of ours: say so loudly, but answer the request instead of crashing the process.
  console.error('tidings-mock: unexpected error', error);
  return { status: 500, message: `internal error: ${(error as Error)?.message ?? error}` };
}

export function failResponse(res: ServerResponse, error: unknown): void {
  const { status, message } = describe(error);
  // A stream already under way cannot change its status: cut it, as a broken server would.
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  try {
    sendJson(res, status, { error: message });
  } catch {
    // The socket went away while answering: nothing left to tell it.
    res.destroy();
  }
}

export function injectFault(res: ServerResponse, failure: Failure): void {
  const headers: Record<string, string> =
    failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) };
  sendJson(res, failure.status, { error: `injected fault: HTTP ${failure.status}` }, headers);
}

/**
 * Refuses a WebSocket upgrade with a plain HTTP response, so clients see the status (a browser
 * WebSocket only sees a failed handshake, but Node clients and devtools show the code).
 */
export function rejectUpgrade(socket: Duplex, error: unknown, retryAfter?: number): void {
  const { status, message } = describe(error);
  const body = JSON.stringify({ error: message });
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  if (retryAfter !== undefined) lines.push(`Retry-After: ${retryAfter}`);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
