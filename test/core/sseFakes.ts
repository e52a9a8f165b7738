import { vi } from 'vitest';

/** A Response-shaped object whose body yields exactly these chunks, one per read. */
export function streamResponse(
  chunks: Array<string | Uint8Array>,
  init: { status?: number; headers?: Record<string, string>; hold?: boolean } = {},
): Response {
  const encoder = new TextEncoder();
  const queue = chunks.map((chunk) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      // `hold`: the server keeps the stream open after the chunks (a live subscription).
      else if (!init.hold) controller.close();
      else return new Promise(() => undefined);
      return undefined;
    },
    cancel() {
      cancelled = true;
    },
  });
  const status = init.status ?? 200;
  const headers = new Headers({ 'Content-Type': 'text/event-stream', ...init.headers });
  return {
    ok: status >= 200 && status < 300,
    status,
    headers,
    body,
    get bodyUsed() {
      return cancelled;
    },
  } as unknown as Response;
}

/** Splits a string's UTF-8 bytes into one chunk per byte. */
export function byteChunks(text: string): Uint8Array[] {
  return [...new TextEncoder().encode(text)].map((byte) => Uint8Array.of(byte));
}

/** Splits a string's UTF-8 bytes in two at `at`. */
export function splitAt(text: string, at: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  return [bytes.slice(0, at), bytes.slice(at)].filter((part) => part.length > 0);
}

/** A fetch that answers each call with `respond(call index, init)`; records every call. */
export function fakeFetch(respond: (index: number, init: RequestInit) => Response) {
  const calls: Array<{ url: string; init: RequestInit; headers: Record<string, string> }> = [];
  const fetch = vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    calls.push({ url: String(url), init, headers });
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return respond(calls.length - 1, init);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

/** An event-stream response the test writes to as it goes, as a live server does. */
export function liveResponse(headers: Record<string, string> = {}) {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const response = {
    ok: true,
    status: 200,
    headers: new Headers({ 'Content-Type': 'text/event-stream', ...headers }),
    body,
  } as unknown as Response;
  return {
    response,
    write(text: string) {
      controller?.enqueue(encoder.encode(text));
    },
    end() {
      controller?.close();
    },
  };
}
