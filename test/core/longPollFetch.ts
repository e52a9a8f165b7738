import { vi } from 'vitest';

export interface FakeRequest {
  url: URL;
  signal: AbortSignal;
  headers: Record<string, string>;
  respond(response: Response): void;
  fail(error: unknown): void;
}

/** A fetch whose every request stays pending until the test answers it (as a held long poll). */
export function heldFetch() {
  const requests: FakeRequest[] = [];
  const fetch = vi.fn(
    (input: string | URL | Request, init: RequestInit = {}) =>
      new Promise<Response>((resolve, reject) => {
        const signal = init.signal ?? new AbortController().signal;
        signal.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted.', 'AbortError')),
        );
        requests.push({
          url: new URL(String(input)),
          signal,
          headers: (init.headers ?? {}) as Record<string, string>,
          respond: resolve,
          fail: reject,
        });
      }),
  );
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    requests,
    get last(): FakeRequest {
      const request = requests.at(-1);
      if (!request) throw new Error('no request made');
      return request;
    },
    /** Answers the pending request with a long-poll body. */
    answer(messages: unknown[], cursor: string) {
      this.last.respond(json({ messages, cursor }));
    },
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    ...init,
  });
}

export function message(id: number, data: unknown = { n: id }) {
  return { id: String(id), type: 'notification', data, ts: 0 };
}
