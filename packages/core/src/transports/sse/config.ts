import { TidingsError } from '../../errors';
import { decodeJson } from '../../parse';
import type { AttemptContext, Frame } from '../../wire';
import { httpError } from '../shared/httpStatus';
import { type MessageId, readMessageId } from '../shared/messageId';
import type { HeadersInput } from '../shared/request';
import { withQuery } from '../shared/withQuery';

/** A request body: sent as is, except a plain object or array, which is sent as JSON. */
export type SSEBody = BodyInit | Record<string, unknown> | unknown[];

/** What every SSE driver needs to open one attempt. */
export interface SSEConfig {
  url: string;
  /** Event types delivered; others are skipped. */
  events: readonly string[];
  method: string;
  headers: HeadersInput | undefined;
  /** Read on every attempt: a request-scoped stream changes it on each `start(body)`. */
  body: () => SSEBody | undefined;
  withCredentials: boolean;
  /** Reads the delivery id from the data instead of the protocol's `id:`. */
  messageId: MessageId | undefined;
  /** The `idleTimeout` option as given; see `idleTimeoutOf` for the default per client. */
  idleTimeout: number | false | undefined;
}

/** A dead path is noticed within this much silence over fetch and the polyfill, by default. */
export const DEFAULT_IDLE_TIMEOUT = 45_000;

/**
 * The idle timeout of one client: as given, else 45 s where any byte is visible (fetch, the
 * polyfill over our transport) and off on a native EventSource, which cannot see the comments a
 * quiet server sends as heartbeats and would otherwise time out a healthy stream.
 */
export function idleTimeoutOf(
  config: SSEConfig,
  client: 'fetch' | 'polyfill' | 'native',
): number | false {
  if (config.idleTimeout !== undefined) return config.idleTimeout;
  return client === 'native' ? false : DEFAULT_IDLE_TIMEOUT;
}

/** One dispatched event, whichever transport parsed it. */
export interface SSEEvent {
  type: string;
  data: string;
  /** The event's own `id:` field, when it had one: the cursor and dedupe key. */
  id: string | undefined;
  /** The stream's last event id as EventSource reports it (it persists across events). */
  lastEventId: string;
}

/** The frame of one event: its id is the protocol's `id:`, unless the app reads its own. */
export function sseFrame(
  event: SSEEvent,
  config: Pick<SSEConfig, 'messageId'>,
  context: Pick<AttemptContext, 'report'>,
): Frame {
  const frame: Frame = {
    raw: event.data,
    meta: { event: event.type, lastEventId: event.lastEventId },
    id: event.id,
  };
  if (config.messageId) {
    // The app's id drops duplicates; the protocol's `id:` stays the cursor a resume sends.
    frame.json = decodeJson(event.data);
    frame.id = readMessageId(config.messageId, frame, context);
    frame.cursor = event.id;
  }
  return frame;
}

/**
 * Why a response cannot be an event stream, or undefined when it is one. HTTP errors follow the
 * shared rules (401 not retried, 503 honours Retry-After); 204 and a wrong Content-Type are the
 * server's way to say "stop" (WHATWG: the user agent fails the connection), so they are not retried.
 */
export function sseRefusal(
  url: string,
  status: number,
  headers: { get(name: string): string | null } | undefined,
  now: number,
): TidingsError | undefined {
  if (status < 200 || status > 299) return httpError(status, url, headers?.get('Retry-After'), now);
  if (status === 204) {
    return new TidingsError('http', `HTTP 204 from ${url}: the server asked not to reconnect`, {
      status,
      retryable: false,
    });
  }
  const type = headers?.get('Content-Type') ?? '';
  if (type.split(';')[0]?.trim().toLowerCase() !== 'text/event-stream') {
    return new TidingsError(
      'protocol',
      `${url} answered with Content-Type "${type}", not text/event-stream`,
      { status, retryable: false },
    );
  }
  return undefined;
}

/** Headers and body of a request: a plain object or array body is sent as JSON. */
export function requestBody(body: SSEBody | undefined): {
  body: BodyInit | undefined;
  contentType: string | undefined;
} {
  if (body === undefined || body === null) return { body: undefined, contentType: undefined };
  const proto: unknown = typeof body === 'object' ? Object.getPrototypeOf(body) : undefined;
  if (Array.isArray(body) || proto === Object.prototype || proto === null) {
    return { body: JSON.stringify(body), contentType: 'application/json' };
  }
  return { body: body as BodyInit, contentType: undefined };
}

/**
 * How the resume cursor travels on a request that can set headers (fetch, polyfill). A header
 * value is bytes, and an id is any text: `Last-Event-ID` carries it only when it is printable
 * ASCII without surrounding spaces (which header normalisation would strip), so every client and
 * server reads the same bytes. Any other id (non-ASCII, say) goes percent-encoded as UTF-8 in the
 * `?lastEventId=` query parameter, the one the native transport always uses, so a server that
 * supports native EventSource already reads it. No cursor: neither is sent.
 */
export function resumeRequest(
  url: string,
  cursor: string | undefined,
): { url: string; lastEventIdHeader: string | undefined } {
  if (cursor === undefined || cursor === '') return { url, lastEventIdHeader: undefined };
  if (isHeaderSafe(cursor)) return { url, lastEventIdHeader: cursor };
  return { url: withQuery(url, { lastEventId: cursor }), lastEventIdHeader: undefined };
}

function isHeaderSafe(value: string): boolean {
  if (value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32) {
    return false;
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}
