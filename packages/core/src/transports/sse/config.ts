import { decodeJson } from '../../parse';
import type { AttemptContext, Frame } from '../../wire';
import { type MessageId, readMessageId } from '../common/messageId';
import type { HeadersInput } from '../common/request';

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
