import { createChannel } from '../channel';
import { configError, TidingsError } from '../errors';
import { type MessageId, messageIdKey } from '../messageId';
import { parseFrame } from '../parse';
import type { Channel, ConsumerOptions } from '../types';
import { checkDuration, checkUrl, firstError } from '../validate';
import { wireKey } from '../wireKey';
import type { EnvelopeChannelOptions, EnvelopeConsumerOptions } from './envelope';
import { type SocketIOAuth, type SocketIOModuleLike, SocketIOWire } from './socketIOWire';

export type { SocketIOAuth, SocketIOModuleLike, SocketLike } from './socketIOWire';

/** What a Socket.IO channel delivers: the event name and its arguments, each parsed. */
export interface SocketIOMessage<TArg = unknown> {
  event: string;
  args: TArg[];
}

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
  /** Event names this consumer hears. @default every event */
  events?: string[];
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
  /** How long `emitWithAck` waits for the server's ack, in ms. @default 10000 */
  ackTimeout?: number;
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

export interface SocketIOChannel<TMessage, TData = SocketIOMessage<TMessage>>
  extends Channel<SocketIOMessage<TMessage>, TData> {
  /**
   * Emits like socket.io-client's `emit`: a trailing function is the ack callback. While
   * disconnected, Socket.IO buffers the event and sends it on connect. On a channel that is not
   * connected the event is dropped and a `config` error is reported.
   */
  emit(event: string, ...args: unknown[]): void;
  /** Emits and resolves with the server's ack (its first argument); rejects with a `timeout` error after `ackTimeout`. */
  emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
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
 * const ack = await chat.emitWithAck('chat', { text: 'hi' });
 */
export function createSocketIO<TMessage = unknown, TData = SocketIOMessage<TMessage>>(
  url: string,
  options: SocketIOOptions<TMessage, TData> = {},
): SocketIOChannel<TMessage, TData> {
  const namespace = options.namespace ?? '/';
  const path = options.path ?? '/socket.io';
  const ackTimeout = options.ackTimeout ?? 10_000;
  const events = options.events;
  let onRecover = options.onRecover;
  const wireOptions = {
    url: String(url),
    namespace,
    path,
    auth: options.auth,
    transports: options.transports,
    io: options.io,
    messageId: messageIdKey(options.messageId),
    orderedIds: options.orderedIds,
    reconnect: options.reconnect,
    pauseWhenHidden: options.pauseWhenHidden ?? false,
  };

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
        ),
      createWire(env) {
        const ioOptions: Record<string, unknown> = {
          path,
          // Our Wire owns reconnect and backoff; the Socket is reconnected with `connect()`.
          reconnection: false,
          autoConnect: false,
          // A wire is one connection: never share a Manager with another wire.
          forceNew: true,
        };
        if (options.transports) ioOptions.transports = options.transports;
        return new SocketIOWire(
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
      },
      accepts: (frame) => !events || events.includes(frame.meta.event ?? ''),
      attach(wire) {
        const listener = () => {
          try {
            onRecover?.();
          } catch (cause) {
            // An app callback must not break Socket.IO's emitter or the other consumers.
            channel.internals.report(
              new TidingsError('config', `onRecover threw: ${String(cause)}`, { cause }),
            );
          }
        };
        wire.recoverListeners.add(listener);
        return () => wire.recoverListeners.delete(listener);
      },
      toMessage: (frame, parse) => {
        const args = frame.raw as unknown[];
        return {
          event: frame.meta.event ?? '',
          // Reuse the JSON the wire decoded from the first argument to read its id.
          args: args.map((arg, i) =>
            parseFrame(
              { raw: arg, meta: frame.meta, json: i === 0 ? frame.json : undefined },
              parse,
            ),
          ),
        };
      },
    },
    options as never,
  );

  function liveWire(): SocketIOWire | undefined {
    const wire = channel.internals.wire();
    if (wire?.isRunning) return wire;
    return undefined;
  }

  function notConnected(event: string): TidingsError {
    return new TidingsError(
      'config',
      `emit("${event}") on a Socket.IO channel that is not connected: call connect() first`,
      { retryable: false },
    );
  }

  return {
    ...channel,
    get recovered() {
      return channel.internals.wire()?.recovered ?? false;
    },
    setOptions(next) {
      if ('onRecover' in next) onRecover = next.onRecover;
      channel.setOptions(next as ConsumerOptions<SocketIOMessage<TMessage>, TData>);
    },
    emit(event, ...args) {
      const wire = liveWire();
      if (wire) wire.emit(event, args);
      else channel.internals.report(notConnected(event));
    },
    emitWithAck(event, ...args) {
      const wire = liveWire();
      if (!wire) return Promise.reject(notConnected(event));
      const { env } = channel.internals;
      return new Promise((resolve, reject) => {
        const timer = env.setTimeout(() => {
          reject(
            new TidingsError('timeout', `emit("${event}") got no ack within ${ackTimeout} ms`),
          );
        }, ackTimeout);
        wire.emit(event, [
          ...args,
          (answer: unknown) => {
            env.clearTimeout(timer);
            resolve(answer);
          },
        ]);
      });
    },
  };
}

/** Socket.IO reads the namespace from the URL's path. */
function namespaceUrl(url: string, namespace: string): string {
  if (namespace === '/') return url;
  return url.endsWith('/') ? url.slice(0, -1) + namespace : url + namespace;
}

async function loadSocketIO(loader: SocketIOOptions<unknown>['io']): Promise<SocketIOModuleLike> {
  if (loader && typeof loader === 'object') return loader;
  const loaded = (await (loader
    ? loader()
    : import('socket.io-client'))) as unknown as Partial<SocketIOModuleLike> & {
    default?: unknown;
  };
  const io = loaded.io ?? (typeof loaded.default === 'function' ? loaded.default : undefined);
  if (typeof io !== 'function') throw new Error('the "socket.io-client" module has no io()');
  return { io: io as SocketIOModuleLike['io'] };
}
