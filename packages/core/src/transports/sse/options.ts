import type { ChannelOptions } from '../../types';
import type { Driver } from '../../wire';
import type { MessageId } from '../common/messageId';
import type { HeadersInput } from '../common/request';
import type { SSEBody, SSEConfig } from './config';
import type { SSEEvent } from './envelope';

export type { SSEBody };

/**
 * The `event-source-polyfill` client, `eventSourcePolyfill` from `@tidings/core/sse-polyfill`.
 * It is an option, not a built-in, so that only the apps that pass it bundle it.
 */
export type SSEPolyfill = (config: SSEConfig, fallback?: Driver) => Driver;

/** Which client opens the stream. */
export type SSETransport = 'auto' | 'native' | 'polyfill' | 'fetch';

export interface SSEOptions<TMessage, TData = TMessage> extends ChannelOptions<TMessage, TData> {
  /** Event types delivered; the type reaches `parse` as `meta.event`. @default ['message'] */
  events?: string[];
  /**
   * Deliver every message as `{ event, data, id }` (see {@link SSEEvent}) instead of its data
   * alone, so a consumer of several `events` knows which one came. `parse` applies to `data`, a
   * `schema` to the whole envelope. Off by default so a single-event stream stays plain data.
   * @default false
   */
  envelope?: boolean;
  /**
   * `auto`: the platform EventSource for a plain GET; where EventSource is missing or headers are
   * needed, the `polyfill` if one is passed, else fetch + a streaming parser (as for another
   * method or a body). `polyfill` needs the `polyfill` option.
   * @default 'auto'
   */
  transport?: SSETransport;
  /**
   * `eventSourcePolyfill` from `@tidings/core/sse-polyfill` (which needs the optional peer
   * `event-source-polyfill`): what `transport: 'polyfill'` uses, and what `auto` prefers to fetch
   * where EventSource is missing or headers are needed.
   * @default undefined: no polyfill; `auto` uses fetch there
   */
  polyfill?: SSEPolyfill;
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
   * @deprecated use `createSSEStream` (`useSSEStream` in the bindings), which is this without a
   * boolean that changes the return type.
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
