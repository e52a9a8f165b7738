import { TidingsError, toTidingsError } from '../../errors';
import { decodeJson } from '../../parse';
import { type AttemptContext, type Driver, type Frame, Wire, type WireOptions } from '../../wire';
import { type MessageId, readMessageId } from '../common/messageId';
import {
  closedReason,
  Outbox,
  type OutboxEntry,
  type OutboxOwner,
  type PendingReceipt,
  pendingReceipt,
  refusedReceipt,
  type SendReceipt,
  unsentError,
} from '../common/outbox';
import { credentialsOf } from '../common/request';
import { applySocketIOSignal } from '../common/resumeSignal';
import { notConnectedReceipt } from '../common/send';
import { splitArgs } from './offset';

/** socket.io-parser's CONNECT packet type. */
const CONNECT_PACKET = 0;

/** An emit accepted while the socket was not connected, or in flight for its ack. */
interface QueuedEmit extends OutboxEntry, PendingReceipt<unknown[] | undefined> {
  readonly message: { event: string; args: unknown[] };
  readonly ackTimeout: number | undefined;
}

/** The part of a socket.io-client `Socket` tidings uses. */
export interface SocketLike {
  readonly active: boolean;
  /** Whether the socket is connected now: an emit then is written at once. */
  readonly connected: boolean;
  readonly recovered?: boolean;
  /** Events received before the CONNECT was acknowledged, emitted by socket.io-client on connect. */
  receiveBuffer?: unknown[];
  /** The Manager: its `packet` event shows the server's CONNECT (whether recovery is on). */
  readonly io?: {
    // biome-ignore lint/suspicious/noExplicitAny: socket.io-client types the Manager's listeners loosely
    on(event: 'packet', listener: (packet: any) => void): unknown;
    // biome-ignore lint/suspicious/noExplicitAny: socket.io-client types the Manager's listeners loosely
    off(event: 'packet', listener: (packet: any) => void): unknown;
  };
  // biome-ignore lint/suspicious/noExplicitAny: socket.io-client and EventEmitter type listeners loosely
  on(event: string, listener: (...args: any[]) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: socket.io-client and EventEmitter type listeners loosely
  off(event: string, listener: (...args: any[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  offAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

/** The part of the `socket.io-client` module tidings uses. */
export interface SocketIOModuleLike {
  io(url: string, options: Record<string, unknown>): SocketLike;
}

/** Handshake data sent with every (re)connect; a function is called each time (a fresh token). */
export type SocketIOAuth =
  | Record<string, unknown>
  | (() => Record<string, unknown> | Promise<Record<string, unknown>>);

export interface SocketIOConnectConfig {
  url: string;
  /** Handed to `io()` as they are (path, transports, query, extraHeaders ...). */
  ioOptions: Record<string, unknown>;
  auth: SocketIOAuth | undefined;
  /** The app's delivery id of an event, read from its first argument; none: no dedupe. */
  messageId: MessageId | undefined;
  load: () => Promise<SocketIOModuleLike>;
}

/**
 * What a Socket.IO wire keeps across attempts: one `Socket`, since Socket.IO's connection state
 * recovery only restores a session for the same Socket object (it resends its session id and
 * offset), plus the emits waiting for it to connect. Each attempt's driver works on it.
 */
class SocketIOSession {
  /** Whether the last successful connect restored the previous session. */
  recovered = false;
  readonly recoverListeners = new Set<() => void>();
  /** The server's CONNECT carried a session pid: connection state recovery is on. */
  hasSession = false;
  /** The Socket once created; emits go to it while it is connected. */
  current: SocketLike | undefined;
  readonly outbox = new Outbox<QueuedEmit>();
  #socket: Promise<SocketLike> | undefined;
  /** The live attempt's context: the Socket's auth callback reads its cursor on every connect. */
  #context: AttemptContext | undefined;

  constructor(
    readonly config: SocketIOConnectConfig,
    readonly env: Wire['env'],
  ) {}

  /** Writes every queued event, in order (called on connect, before the channel opens). */
  flush(socket: SocketLike): void {
    for (let entry = this.outbox.peek(); entry !== undefined; entry = this.outbox.peek()) {
      this.outbox.shift();
      this.write(socket, entry);
    }
  }

  write(socket: SocketLike, entry: QueuedEmit): void {
    const { event, args } = entry.message;
    const { ackTimeout } = entry;
    if (ackTimeout === undefined) {
      socket.emit(event, ...args);
      entry.resolve(undefined);
      return;
    }
    const timer = this.env.setTimeout(() => {
      entry.reject(
        new TidingsError('timeout', `emit("${event}") got no ack within ${ackTimeout} ms`),
      );
    }, ackTimeout);
    socket.emit(event, ...args, (...answer: unknown[]) => {
      this.env.clearTimeout(timer);
      entry.resolve(answer);
    });
  }

  /** Creates the socket on the first attempt (loading socket.io-client) and reuses it after. */
  getSocket(context: AttemptContext): Promise<SocketLike> {
    this.#context = context;
    this.#socket ??= this.config.load().then((module) => {
      const socket = module.io(this.config.url, {
        ...this.config.ioOptions,
        // Called by Socket.IO on every connect of this Socket, so it reads the current attempt.
        auth: (callback: (data: Record<string, unknown>) => void) => {
          const current = this.#context;
          this.#handshake(current?.cursor).then(callback, (cause) =>
            current?.fail(toTidingsError(cause, 'auth')),
          );
        },
      });
      this.current = socket;
      return socket;
    });
    return this.#socket;
  }

  /** The wire cursor rides along so a server that cannot recover the session replays after it. */
  async #handshake(cursor: string | undefined): Promise<Record<string, unknown>> {
    const { auth } = this.config;
    const base = typeof auth === 'function' ? await credentialsOf('auth', auth) : (auth ?? {});
    return cursor === undefined ? { ...base } : { ...base, cursor };
  }
}

/** A Socket.IO wire: its session (the one `Socket` and the emit queue) outlives every attempt. */
export class SocketIOWire extends Wire {
  readonly #session: SocketIOSession;

  constructor(config: SocketIOConnectConfig, env: Wire['env'], options: WireOptions) {
    const session = new SocketIOSession(config, env);
    super(socketIODriver(session), env, options);
    this.#session = session;
  }

  /** Whether the last successful connect restored the previous session. */
  get recovered(): boolean {
    return this.#session.recovered;
  }

  /** Called after each connect that restored the previous session. */
  get recoverListeners(): Set<() => void> {
    return this.#session.recoverListeners;
  }

  /**
   * Emits now when connected; otherwise queues up to `limit` events for `owner` (0: refuse),
   * written in order on the next connect. With `ackTimeout`, a callback is appended and the
   * receipt resolves with the ack's arguments (the timeout counts from the write).
   */
  emit(
    owner: OutboxOwner,
    event: string,
    args: unknown[],
    limit: number,
    ackTimeout?: number,
  ): SendReceipt<unknown[] | undefined> {
    const message = { event, args };
    if (!this.isRunning) return notConnectedReceipt(message, 'Socket.IO');
    const socket = this.#session.current;
    const connected = socket?.connected === true;
    if (!connected && limit <= 0) {
      return refusedReceipt(
        unsentError([message], 'the socket is not connected and queueing is off (queue: false)'),
      );
    }
    const pending = pendingReceipt<unknown[] | undefined>(connected ? 'sent' : 'queued');
    const entry: QueuedEmit = { owner, message, ackTimeout, ...pending };
    if (socket && connected) this.#session.write(socket, entry);
    else this.#session.outbox.push(entry, limit);
    return pending.receipt;
  }

  /**
   * Takes back what `owner` queued, reported `unsent`: its channel left before the socket
   * connected, or the wire closed for good.
   */
  forget(owner: OutboxOwner): void {
    const { reason, cause } = this.isRunning
      ? closedReason(null)
      : closedReason(this.getState().error);
    this.#session.outbox.forget(owner, reason, cause);
  }
}

/**
 * Builds the frame of one event. The app's `messageId` reads the first argument (an object, or
 * JSON text decoded); the payload itself is never guessed at.
 */
export function eventFrame(
  event: string,
  args: unknown[],
  messageId: MessageId | undefined,
  context: Pick<AttemptContext, 'report'>,
): Frame {
  const first = args[0];
  const json = typeof first === 'string' ? decodeJson(first) : undefined;
  const id = readMessageId(
    messageId,
    { raw: first, meta: { event }, json: json?.ok ? json : undefined },
    context,
  );
  return { raw: args, meta: { event }, id, json };
}

/** The frame of one event as socket.io-client handed it: offset and ack request split off. */
function incomingFrame(
  session: SocketIOSession,
  event: string,
  received: unknown[],
  context: Pick<AttemptContext, 'report'>,
): Frame {
  const split = splitArgs(received, session.hasSession, session.env.now());
  const frame = eventFrame(event, split.args, session.config.messageId, context);
  if (split.ack) frame.meta = { ...frame.meta, ack: split.ack };
  return frame;
}

function socketIODriver(session: SocketIOSession): Driver {
  return {
    start(context: AttemptContext) {
      let stopped = false;
      let socket: SocketLike | undefined;
      const disposers: Array<() => void> = [];
      const on = (target: SocketLike, event: string, fn: Parameters<SocketLike['on']>[1]) => {
        target.on(event, fn);
        disposers.push(() => target.off(event, fn));
      };
      session.getSocket(context).then(
        (created) => {
          if (stopped) return;
          socket = created;
          on(created, 'connect', () => {
            session.recovered = created.recovered === true;
            // Queued emits go first, in order, before anything the app sends from onOpen.
            session.flush(created);
            context.opened();
            if (session.recovered) for (const fn of [...session.recoverListeners]) fn();
          });
          on(created, 'connect_error', (error: Error) => {
            // A server restoring a session sends its missed packets before its middleware runs,
            // so a refused recovery (an expired token) leaves them here; socket.io-client would
            // emit them on the next connect, whose recovery (or cursor replay) sends them again:
            // each would arrive twice. Nothing in it was delivered, so the retry loses nothing.
            if (created.receiveBuffer) created.receiveBuffer.length = 0;
            // Not `active`: the server's middleware refused us; asking again will not help.
            if (created.active) {
              context.fail(
                new TidingsError('network', `Socket.IO connect failed: ${error.message}`, {
                  cause: error,
                }),
              );
            } else {
              context.fail(
                new TidingsError('auth', `Socket.IO connection refused: ${error.message}`, {
                  cause: error,
                  retryable: false,
                }),
              );
            }
          });
          on(created, 'disconnect', (reason: string) => {
            context.fail(new TidingsError('network', `Socket.IO disconnected (${reason})`));
          });
          const any = (event: string, ...args: unknown[]) => {
            // The resume protocol's own events: emitted per socket, so they carry no offset.
            if (applySocketIOSignal(event, args, context)) return;
            context.frame(incomingFrame(session, event, args, context));
          };
          created.onAny(any);
          disposers.push(() => created.offAny(any));
          // Each CONNECT says whether this session has a pid (recovery on), read from the
          // packet instead of socket.io-client's private state.
          const onPacket = (packet: { type?: number; data?: { pid?: unknown } }) => {
            if (packet.type === CONNECT_PACKET)
              session.hasSession = typeof packet.data?.pid === 'string';
          };
          created.io?.on('packet', onPacket);
          disposers.push(() => created.io?.off('packet', onPacket));
          created.connect();
        },
        (cause) => {
          context.fail(
            new TidingsError(
              'config',
              'createSocketIO needs the "socket.io-client" package: npm install socket.io-client',
              { cause, retryable: false },
            ),
          );
        },
      );
      return {
        raw: () => (stopped ? undefined : socket),
        close: () => {
          stopped = true;
          for (const dispose of disposers.splice(0)) dispose();
          // Not connected (the usual case after a failure): no packet is sent and the server keeps
          // the session for recovery; `connect()` on the next attempt reopens the same Socket.
          socket?.disconnect();
        },
      };
    },
  };
}
