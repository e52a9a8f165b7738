import type { ReconnectOptions } from './backoff';
import type { CrossTabSharing } from './crossTab/options';
import type { TidingsEnv } from './env';
import type { TidingsError } from './errors';
import type { Hub } from './hub';
import type { NotifyMode } from './notifier';
import type { StandardSchemaV1 } from './standardSchema';

export type Status = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ChannelState<TData> {
  status: Status;
  /** Last message, or the reduced value when `reduce` is given. */
  data: TData | undefined;
  /** Last error; cleared on the next successful open or response. */
  error: TidingsError | null;
  /** Failed attempts since the last successful open. */
  attempt: number;
  /**
   * Resume position: the last delivery id (SSE `id:`, `messageId`), the long-poll cursor, or the
   * position the server stated when the connection opened.
   */
  cursor: string | undefined;
  /** Messages delivered so far (monotonic, counts every one). */
  received: number;
}

/** What the transport knows about a frame, handed to a custom `parse`. */
export interface FrameMeta {
  /** SSE event type, or Socket.IO event name. */
  event?: string;
  /** SSE `id:` of the event. */
  lastEventId?: string;
  /** MQTT topic, QoS and retain flag. */
  topic?: string;
  qos?: number;
  retain?: boolean;
  /** Origin of an iframe-stream postMessage. */
  origin?: string;
  /** Socket.IO: the server asked for an ack; calling it answers (once). */
  ack?: (...args: unknown[]) => void;
}

export type Parse<TMessage> = 'json' | 'text' | ((raw: unknown, meta: FrameMeta) => TMessage);

/** A small external store over one stream of messages. */
export interface Channel<TMessage, TData = TMessage> {
  getState(): ChannelState<TData>;
  /** Store contract: `onChange` is called (batched per `notify`) after the state changes. */
  subscribe(onChange: () => void): () => void;
  /** Every message, in order, none dropped or collapsed. */
  onMessage(fn: (message: TMessage) => void): () => void;
  connect(): void;
  /** Terminal until `connect()`: stops all retries and detaches from the shared connection. */
  close(): void;
  /** Drops and reconnects now, skipping any wait. */
  reconnect(): void;
  /** Replaces the options that do not change the wire (callbacks, parse, reduce, notify). */
  setOptions(options: ConsumerOptions<TMessage, TData>): void;
  /**
   * The escape hatch: the live underlying client (each transport types it: a `WebSocket`, an
   * `EventSource`, a Socket.IO `Socket`, an MQTT client ...), or undefined while not connected.
   * It may be shared by every identical channel. Read from it, call what the transport does not
   * wrap; never close it or replace its handlers: that bypasses the wire (retries, queue, state).
   */
  raw(): unknown;
}

/** What `onAuthError` is told besides the error. */
export interface AuthErrorContext {
  /** Failed attempts since the last successful open, this one included (1 on the first refusal). */
  attempt: number;
}

/** Options that belong to one consumer: they can change at any time without reconnecting. */
export interface ConsumerOptions<TMessage, TData = TMessage> {
  /** How a raw frame becomes a message. @default 'json' */
  parse?: Parse<TMessage>;
  /**
   * Any Standard Schema v1 (zod, valibot, arktype ...) run on each message after `parse` and
   * before `reduce`; it types the message. An invalid message is a `parse` error (`onError`,
   * `state.error`), skipped, and the stream goes on. Must validate synchronously: an async schema
   * is refused with a `config` error, since awaiting it would reorder messages.
   * @default undefined: messages are not checked
   */
  schema?: StandardSchemaV1<unknown, TMessage>;
  /** Folds every message into `data`. @default keep the last message */
  reduce?: (accumulator: TData | undefined, message: TMessage) => TData;
  /** When subscribers are told about changes. @default 'frame' */
  notify?: NotifyMode;
  /** Called when the connection opens (and on every reopen). @default undefined */
  onOpen?: () => void;
  /** Called for every message, in order. @default undefined */
  onMessage?: (message: TMessage) => void;
  /** Called for every error, including skipped malformed frames. @default undefined */
  onError?: (error: TidingsError) => void;
  /**
   * Called when the channel closes for good (by `close()`, a non-retried error or retries spent).
   * @default undefined
   */
  onClose?: () => void;
  /** Decides whether an error is retried. @default the error's own `retryable` */
  shouldReconnect?: (error: TidingsError) => boolean;
  /**
   * Called when the server refuses the credentials (HTTP 401/403, WebSocket close 4401/4403, MQTT
   * connack 4/5, a Socket.IO middleware error). Refresh the token and return `true` (or a promise
   * of it) to retry at once: the credentials getters (`headers`, `url`, `auth`) are called again.
   * Anything else (or a throw) keeps today's behaviour: the channel closes with the `auth` error.
   * The retry skips backoff and the retry budget, so bound it with `attempt`. Never reconnects
   * when it changes. @default undefined
   */
  onAuthError?: (error: TidingsError, context: AuthErrorContext) => boolean | Promise<boolean>;
}

/** Options every factory takes. */
export interface ChannelOptions<TMessage, TData = TMessage>
  extends ConsumerOptions<TMessage, TData> {
  /** false: no connection, status `idle`. @default true */
  enabled?: boolean;
  /** Starting value of `data`. @default undefined */
  initial?: TData;
  /** Reconnect schedule, or false to never reconnect. @default { retries: Infinity, minDelay: 1000, maxDelay: 30000, factor: 2 } */
  reconnect?: ReconnectOptions | boolean;
  /** Share one connection among identical wires. @default true */
  share?: boolean;
  /** Stop traffic while the page is hidden, resume at once when visible. @default true for polling, false for push transports */
  pauseWhenHidden?: boolean;
  /** Registry of shared connections. @default the default hub */
  hub?: Hub;
  /**
   * Share this channel's connection across the browser's tabs: one tab (elected with Web Locks)
   * holds it and relays every frame over BroadcastChannel; every tab keeps its own parse, reduce
   * and state, and sends through the leading tab. When the leading tab closes, another takes
   * over from the newest cursor. Request-scoped streams never cross tabs; without Web Locks or
   * BroadcastChannel each tab connects on its own. The value is `crossTab(options?)` from
   * `@tidings/core/cross-tab`, an entry of its own so that apps that do not share across tabs do
   * not bundle it; `false` keeps this channel to its tab on a hub that shares. @default the
   * hub's `crossTab` (none)
   */
  crossTab?: CrossTabSharing | false;
  /** Platform pieces to use instead of globals (tests, non-browser runtimes). @default globalThis */
  env?: Partial<TidingsEnv>;
}
