import type { MockServer, TransportName } from '@tidings/mock-server';

// Helpers the React and Vue binding suites share: reading the mock server and its messages.

/** Small reconnect delays so outages heal quickly in tests. */
export const fastReconnect = { minDelay: 10, maxDelay: 50 } as const;

export function stats(server: MockServer, transport: TransportName) {
  return server.stats().transports[transport];
}

export function wsUrl(server: MockServer, path: string): string {
  return server.url.replace(/^http/, 'ws') + path;
}

/** The id of a mock-server message `{ id, type, data, ts }`. */
export function idOf(message: unknown): string {
  return String((message as { id: string }).id);
}

/** A `reduce` that collects ids in order, so loss and duplicates show. */
export function collectIds<TMessage>(
  pick: (message: TMessage) => unknown = (m) => m,
): (list: string[] | undefined, message: TMessage) => string[] {
  return (list = [], message) => [...list, idOf(pick(message))];
}

/** `messageId` for the mock server's messages: the log id each carries is its delivery id. */
export function mockMessageId(message: unknown): string | undefined {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
/**
 * The origin of the jsdom page a test runs in (`http://localhost:3000`), for `allowOrigins`: jsdom
 * sends it on XHR and WebSocket handshakes, and the mock server refuses pages of origins it was not
 * told about. Empty outside jsdom (Node clients send no Origin).
 */
export const pageOrigins = (): string[] =>
  typeof location === 'undefined' ? [] : [location.origin];
