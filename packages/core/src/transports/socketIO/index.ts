import type { Socket } from 'socket.io-client';
import { callApp } from '../../callApp';
import { createChannel } from '../../channel';
import { channelInternals, extendChannel } from '../../channelInternals';
import { serveAcrossTabs } from '../../crossTab/serve';
import { configError } from '../../errors';
import { parseFrame } from '../../parse';
import { hasProtoKey, PROTO_KEY_REFUSED } from '../../protoKey';
import type { Channel, ConsumerOptions, Parse } from '../../types';
import { wireKey } from '../../wireKey';
import type { EnvelopeChannelOptions, EnvelopeConsumerOptions } from '../common/envelope';
import { type MessageId, messageIdKey } from '../common/messageId';
import { checkQueue, type OutboxOwner, queueLimit, type SendReceipt } from '../common/outbox';
import { peerLoader } from '../common/peer';
import { encodedByTheClient, sendThrough } from '../common/send';
import { checkDuration, checkUrl, firstError } from '../common/validate';
import type { SocketIOEventName, SocketIOMessage } from './message';
import { type SocketIOAuth, type SocketIOModuleLike, SocketIOWire } from './wire';

export type {
  SocketIOArgsMessage,
  SocketIOEventMessage,
  SocketIOEventName,
  SocketIOListens,
  SocketIOMessage,
} from './message';
export type { SocketIOAuth, SocketIOModuleLike, SocketLike } from './wire';

/**
 * Outgoing events, in socket.io's own style: each event name maps to a function type whose
 * parameters are the event's arguments (a trailing function parameter is the ack callback).
 *
 * @example
 * type ChatEmits = { chat: (line: { text: string }) => void; typing: () => void };
 */
export type SocketIOEvents = Record<string, unknown>;

/** The arguments `emit(event, ...)` takes for `event` in `TEvents`. */
export type SocketIOEventArgs<TEvents, TEvent extends keyof TEvents> = TEvents[TEvent] extends (
  ...args: infer TArgs
) => unknown
  ? TArgs
  : unknown[];

interface SocketIOConsumerExtras {
  /**
   * Called when a reconnect restored the previous session (no event missed, no replay needed).
   * @default undefined
   */
  onRecover?: () => void;
}

export interface SocketIOOptions<TMessage, TData = SocketIOMessage<TMessage>>
  extends EnvelopeChannelOptions<TMessage, SocketIOMessage<TMessage>, TData>,
    SocketIOConsumerExtras {
  /**
   * How each argument becomes a value. Socket.IO carries typed values, so by default each argument
   * is delivered as Socket.IO decoded it (a string stays a string). `'json'` JSON-decodes string
   * arguments (servers that emit JSON text), `'text'` shows non-strings as JSON, a function gets
   * `(arg, { event })`. @default each argument as Socket.IO decoded it
   */
  parse?: Parse<TMessage>;
  /** Event names this consumer hears (the map's, with `SocketIOListens`). @default every event */
  events?: SocketIOEventName<TMessage>[];
  /** Socket.IO namespace, appended to the URL's path. @default '/' */
  namespace?: string;
  /** Handshake data; a function is called on every (re)connect. The wire cursor is added as `cursor`. @default {} */
  auth?: SocketIOAuth;
  /** Server path of the Socket.IO endpoint. @default '/socket.io' */
  path?: string;
  /**
   * Engine.IO transports, in order of preference.
   * @default socket.io-client's own (['polling', 'websocket', 'webtransport'] in 4.8)
   */
  transports?: Array<'polling' | 'websocket' | 'webtransport'>;
  /** How long `emitWithAck` waits for the server's ack once the event is written, in ms. @default 10000 */
  ackTimeout?: number;
  /**
   * How many events `emit()` keeps for this channel while the socket is not connected (written
   * in order on connect). When full, the oldest is dropped and reported as `unsent`. `false` (or
   * 0): refuse emits while not connected. @default 100
   */
  queue?: number | boolean;
  /** Query parameters of the handshake request. @default none */
  query?: Record<string, string>;
  /** Send cookies with cross-origin requests (polling transport). @default false */
  withCredentials?: boolean;
  /** Extra HTTP headers of the handshake (where the platform lets a client set them). @default none */
  extraHeaders?: Record<string, string>;
  /**
   * Any other socket.io-client `io()` option (`timeout`, `upgrade`, `rememberUpgrade`,
   * `transportOptions` ...). `reconnection`, `autoConnect`, `forceNew` and `auth` stay tidings'
   * own (the wire reconnects, one Manager per wire, the cursor rides in `auth`). @default {}
   */
  ioOptions?: Record<string, unknown>;
  /**
   * The delivery id of an event (called with its first argument, JSON text decoded, and
   * `meta.event`): drops an event seen twice and is the `auth.cursor` a reconnect that cannot
   * recover its session replays after. Without it the cursor is the position the server stated at
   * the last connect (see "Resume protocol" in the README).
   * @default none (no dedupe; Socket.IO's session recovery needs none)
   */
  messageId?: MessageId;
  /** Ids `messageId` returns are increasing decimal counters: drop any at or before the cursor. @default false */
  orderedIds?: boolean;
  /** The socket.io-client module, or a loader, instead of `import('socket.io-client')`. @default () => import('socket.io-client') */
  io?: SocketIOModuleLike | (() => Promise<SocketIOModuleLike>);
}

/** `TEmits` ({@link SocketIOEvents}) types `emit()`; it is not checked at run time. */
export interface SocketIOChannel<
  TMessage,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
> extends Channel<SocketIOMessage<TMessage>, TData> {
  /**
   * The escape hatch: the wire's socket.io-client `Socket` (rooms, `socket.timeout()`,
   * `volatile`, ...) while an attempt holds it, else undefined. It is shared by every identical
   * channel. Do not `disconnect()` or `close()` it, nor remove listeners you did not add: that
   * bypasses the wire (no retry rules, no queue). Use the channel's `close()` / `reconnect()`.
   */
  raw(): Socket | undefined;
  /**
   * Emits `event` with `args` as they are (Socket.IO carries typed values); a trailing function is
   * an ack callback, as in socket.io-client. Follows the send contract ({@link SendReceipt}):
   * `'sent'` (written to the connected socket), `'queued'` (written on the next connect, or
   * reported `unsent` if the channel closes first), `'refused'` (`unsent`: not connected, or
   * `queue: false` while disconnected). Resolves once written.
   */
  emit<TEvent extends keyof TEmits & string>(
    event: TEvent,
    ...args: SocketIOEventArgs<TEmits, TEvent>
  ): SendReceipt;
  /**
   * Emits like `emit` and resolves with every argument of the server's ack; rejects with a
   * `timeout` error when no ack came within `ackTimeout` of the write.
   */
  emitWithAck<TEvent extends keyof TEmits & string>(
    event: TEvent,
    ...args: SocketIOEventArgs<TEmits, TEvent>
  ): SendReceipt<unknown[]>;
  /** True when the last (re)connect restored the previous Socket.IO session. */
  readonly recovered: boolean;
  /** `parse` here, as in the options, applies to each argument. */
  setOptions(
    options:
      | (EnvelopeConsumerOptions<TMessage, SocketIOMessage<TMessage>, TData> &
          SocketIOConsumerExtras)
      | ConsumerOptions<SocketIOMessage<TMessage>, TData>,
  ): void;
}

/**
 * Socket.IO through socket.io-client (an optional peer, loaded on first connect). Reconnects with
 * tidings' backoff on one Socket, so the server's connection state recovery restores missed events;
 * when it cannot, the handshake's `auth.cursor` lets the server replay after the last message seen.
 *
 * @example
 * const chat = createSocketIO<ChatLine>('https://chat.example', { events: ['chat'] });
 * chat.onMessage(({ args: [line] }) => console.log(line.text));
 * const [saved] = await chat.emitWithAck('chat', { text: 'hi' }); // the ack's arguments
 */
export function createSocketIO<
  TMessage = unknown,
  TData = SocketIOMessage<TMessage>,
  TEmits extends object = SocketIOEvents,
>(
  url: string,
  options: SocketIOOptions<TMessage, TData> = {},
): SocketIOChannel<TMessage, TData, TEmits> {
  const namespace = options.namespace ?? '/';
  const path = options.path ?? '/socket.io';
  const ackTimeout = options.ackTimeout ?? 10_000;
  const events = options.events as string[] | undefined;
  const limit = queueLimit(options.queue);
  let onRecover = options.onRecover;
  const wireOptions = {
    url: String(url),
    namespace,
    path,
    auth: options.auth,
    transports: options.transports,
    query: options.query,
    withCredentials: options.withCredentials,
    extraHeaders: options.extraHeaders,
    ioOptions: options.ioOptions,
    io: options.io,
    messageId: messageIdKey(options.messageId),
    orderedIds: options.orderedIds,
    reconnect: options.reconnect,
    pauseWhenHidden: options.pauseWhenHidden ?? false,
  };
  // One owner per channel: its queued emits, its queue bound, where their loss is reported.
  const owner: OutboxOwner = { report: (error) => internals.report(error) };
  // Emits relayed from other tabs: their receipts carry every loss back to the tab that emitted.
  const relayedOwner: OutboxOwner = { report: () => {} };

  const channel = createChannel<SocketIOMessage<TMessage>, TData, SocketIOWire>(
    {
      key: wireKey('socketio', wireOptions),
      validate: () =>
        firstError(
          checkUrl('url', url),
          namespace.startsWith('/')
            ? undefined
            : configError(`namespace "${namespace}" must start with "/"`),
          checkDuration('ackTimeout', ackTimeout),
          events && !Array.isArray(events)
            ? configError('events must be an array of event names')
            : undefined,
          checkQueue(options.queue),
        ),
      createWire(env) {
        const ioOptions: Record<string, unknown> = {
          ...options.ioOptions,
          path,
          // Our Wire owns reconnect and backoff; the Socket is reconnected with `connect()`.
          reconnection: false,
          autoConnect: false,
          // A wire is one connection: never share a Manager with another wire.
          forceNew: true,
        };
        if (options.transports) ioOptions.transports = options.transports;
        if (options.query) ioOptions.query = options.query;
        if (options.withCredentials !== undefined) {
          ioOptions.withCredentials = options.withCredentials;
        }
        if (options.extraHeaders) ioOptions.extraHeaders = options.extraHeaders;
        const wire = new SocketIOWire(
          {
            url: namespaceUrl(String(url), namespace),
            ioOptions,
            auth: options.auth,
            messageId: options.messageId,
            load: () => loadSocketIO(options.io),
          },
          env,
          {
            reconnect: options.reconnect,
            pauseWhenHidden: wireOptions.pauseWhenHidden,
            orderedIds: options.orderedIds,
          },
        );
        // Emits of the other tabs, when this tab leads: each is reported in the tab that emitted.
        serveAcrossTabs(wire, 'emit', ([event, args, withAck]) =>
          wire.emit(
            relayedOwner,
            String(event),
            args as unknown[],
            limit,
            withAck ? ackTimeout : undefined,
          ),
        );
        return wire;
      },
      accepts: (frame) => !events || events.includes(frame.meta.event ?? ''),
      attach(wire) {
        // An app callback must not break Socket.IO's emitter or the other consumers.
        const listener = () =>
          callApp(
            'onRecover',
            () => onRecover?.(),
            (error) => internals.report(error),
            undefined,
          );
        wire.recoverListeners.add(listener);
        return () => {
          wire.recoverListeners.delete(listener);
          wire.forget(owner);
        };
      },
      toMessage: (frame, parse, schema) => {
        const args = frame.raw as unknown[];
        const { ack, ...meta } = frame.meta;
        const message: { event: string; args: unknown[]; ack?: (...args: unknown[]) => void } = {
          event: meta.event ?? '',
          // Reuse the JSON the wire decoded from the first argument to read its id.
          args: args.map((arg, i) =>
            parseFrame({ raw: arg, meta, json: i === 0 ? frame.json : undefined }, parse, schema),
          ),
        };
        if (ack) message.ack = ack;
        // The types (one argument type or an event map) are the app's word, not checked here.
        return message as SocketIOMessage<TMessage>;
      },
    },
    { ...options, parse: options.parse ?? asDecoded } as never,
  );
  const internals = channelInternals<SocketIOWire>(channel);

  function send(event: string, args: unknown[], withAck: boolean) {
    // Socket.IO encodes typed values itself: only the "not connected" refusal is ours.
    return sendThrough<SocketIOWire, undefined, unknown[] | undefined>(
      internals,
      'Socket.IO',
      { event, args },
      encodedByTheClient,
      (wire) => wire.emit(owner, event, args, limit, withAck ? ackTimeout : undefined),
      { verb: 'emit', args: [event, args, withAck] },
    );
  }

  return extendChannel(channel, {
    ...channel,
    raw: () => channel.raw() as Socket | undefined,
    get recovered() {
      return internals.wire()?.recovered ?? false;
    },
    setOptions(next) {
      if ('onRecover' in next) onRecover = next.onRecover;
      const parse = 'parse' in next ? { parse: next.parse ?? asDecoded } : {};
      channel.setOptions({ ...next, ...parse } as ConsumerOptions<
        SocketIOMessage<TMessage>,
        TData
      >);
    },
    emit: (event, ...args) => send(event, args as unknown[], false) as SendReceipt,
    emitWithAck: (event, ...args) => send(event, args as unknown[], true) as SendReceipt<unknown[]>,
  });
}

/**
 * The default `parse` of an argument: the value as Socket.IO decoded it (strings stay strings,
 * binary stays binary). Socket.IO carries typed values; `parse: 'json'` decodes string arguments
 * for servers that emit JSON text. socket.io-client decodes with `JSON.parse`, so a `__proto__` key
 * is refused here as the default `'json'` parse refuses it elsewhere.
 */
function asDecoded(arg: unknown): never {
  if (hasProtoKey(arg)) throw new Error(PROTO_KEY_REFUSED);
  return arg as never;
}

/** Socket.IO reads the namespace from the URL's path. */
function namespaceUrl(url: string, namespace: string): string {
  if (namespace === '/') return url;
  return url.endsWith('/') ? url.slice(0, -1) + namespace : url + namespace;
}

// The CommonJS build's `default` is `io` itself.
const loadSocketIO = peerLoader<SocketIOModuleLike>({
  load: () => import('socket.io-client'),
  pick: (module) => {
    const io = typeof module === 'function' ? module : module.io;
    return typeof io === 'function' ? { io: io as SocketIOModuleLike['io'] } : undefined;
  },
  missing: 'the "socket.io-client" module has no io()',
});
