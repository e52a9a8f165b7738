import { type MockServer, type MockServerOptions, startMockServer } from '@tidings/mock-server';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterEach } from 'vitest';

/** Polls a condition until it holds or the deadline passes (no fixed sleeps). */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeout = 5000, what = 'condition' }: { timeout?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts a real server on port 0 for each test and closes it after, with what the test opened. */
export function useServer(options: MockServerOptions = {}) {
  const state: { server: MockServer; cleanups: Array<() => unknown> } = {
    server: undefined as unknown as MockServer,
    cleanups: [],
  };
  afterEach(async () => {
    for (const cleanup of state.cleanups.splice(0).reverse()) await cleanup();
    await state.server?.close();
  });
  return {
    async start(extra: MockServerOptions = {}) {
      // Small ids (1, 2, ...) keep expectations readable; the restart tests use the default.
      state.server = await startMockServer({ port: 0, firstId: 1, ...options, ...extra });
      return state.server;
    },
    /** Registers something to close after the test, before the server. */
    defer(cleanup: () => unknown) {
      state.cleanups.push(cleanup);
    },
  };
}

export interface SseReader {
  status: number;
  headers: Headers;
  /** Application events: everything but the resume protocol's `tidings:*` signals. */
  events: EventSourceMessage[];
  /** `tidings:position` and `tidings:reset` events, in order. */
  signals: EventSourceMessage[];
  comments: string[];
  retry: number | undefined;
  /** Settles when the server ends or cuts the stream. */
  ended: Promise<'end' | 'error'>;
  close(): void;
}

/** Reads an SSE response with a real SSE parser. */
export async function readSse(url: string, init: RequestInit = {}): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, signal: controller.signal });
  const reader: SseReader = {
    status: response.status,
    headers: response.headers,
    events: [],
    signals: [],
    comments: [],
    retry: undefined,
    ended: Promise.resolve('end'),
    close: () => controller.abort(),
  };
  const parser = createParser({
    onEvent: (event) =>
      (event.event?.startsWith('tidings:') ? reader.signals : reader.events).push(event),
    onComment: (comment) => reader.comments.push(comment),
    onRetry: (retry) => {
      reader.retry = retry;
    },
  });
  const body = response.body;
  if (!body) return reader;
  reader.ended = (async () => {
    const decoder = new TextDecoder();
    try {
      const stream = body.getReader();
      for (;;) {
        const { done, value } = await stream.read();
        if (done) return 'end' as const;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      return 'error' as const;
    }
  })();
  return reader;
}

export async function postJson(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export const ids = (messages: Array<{ id: string }>) => messages.map((message) => message.id);
