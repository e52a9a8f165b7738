import { TidingsError } from '../errors';
import { httpError } from '../httpStatus';
import { type MessageId, readMessageId } from '../messageId';
import { decodeJson } from '../parse';
import type { HeadersInput } from '../request';
import type { AttemptContext, Frame } from '../wire';

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
