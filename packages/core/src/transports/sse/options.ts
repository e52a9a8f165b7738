import type { ChannelOptions } from '../../types';
import type { MessageId } from '../common/messageId';
import type { HeadersInput } from '../common/request';

/** A request body: sent as is, except a plain object or array, which is sent as JSON. */
export type SSEBody = BodyInit | Record<string, unknown> | unknown[];

/** Which client opens the stream. */
export type SSETransport = 'auto' | 'native' | 'polyfill' | 'fetch';

export interface SSEOptions<TMessage, TData = TMessage> extends ChannelOptions<TMessage, TData> {
  /** Event types delivered; the type reaches `parse` as `meta.event`. @default ['message'] */
  events?: string[];
  /**
   * `auto`: the platform EventSource for a plain GET, `event-source-polyfill` where EventSource is
   * missing or headers are needed, fetch + a streaming parser for another method or a body.
   * @default 'auto'
   */
  transport?: SSETransport;
  /** HTTP method; anything but GET uses the fetch transport. @default 'GET' */
  method?: string;
  /** Request headers, or a function called on every (re)connect (a refreshed token). @default {} */
  headers?: HeadersInput;
  /** Request body; a plain object or array is sent as JSON. @default undefined */
  body?: SSEBody;
  /** Send cookies cross-origin. @default false */
  withCredentials?: boolean;
  /**
   * Milliseconds without a sign of life after which the attempt fails with a `timeout` error: a
   * subscription then reconnects from its cursor, a request-scoped stream (`manual`) ends with
   * the error. It is how a dead path (a connection black-holed, no FIN, no RST) is noticed. Over
   * fetch and the polyfill any bytes count, including the `: ping` comments servers send as
   * heartbeats, so the server must send something more often than this. A native EventSource
   * shows only the open and events of the types in `events` (never comments), so there it is off
   * unless set, and then the server must send such events that often. `false`: never.
   * @default 45000 over fetch (request-scoped streams included) and the polyfill; false over native
   */
  idleTimeout?: number | false;
  /**
   * A request-scoped stream (an AI answer): nothing is sent until `start(body?)`, it is never
   * shared, retried or replayed by itself, and the response ending closes it without an error.
   * @default false
   */
  manual?: boolean;
  /**
   * Reads the delivery id (the key that drops a duplicate) from an event's data (JSON decoded,
   * else the text) instead of the protocol's `id:`, which stays the resume cursor either way.
   * @default the event's `id:`
   */
  messageId?: MessageId;
  /** Event ids are increasing decimal counters: drop any at or before the cursor. @default false */
  orderedIds?: boolean;
}
