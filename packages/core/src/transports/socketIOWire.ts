import { TidingsError, toTidingsError } from '../errors';
import { type MessageId, readMessageId } from '../messageId';
import { decodeJson } from '../parse';
import { applySocketIOSignal } from '../resumeSignal';
import { type AttemptContext, type Driver, type Frame, Wire, type WireOptions } from '../wire';

/** The part of a socket.io-client `Socket` tidings uses. */
export interface SocketLike {
  readonly active: boolean;
  readonly recovered?: boolean;
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
  /** Handed to `io()` as they are (path, transports ...). */
  ioOptions: Record<string, unknown>;
  auth: SocketIOAuth | undefined;
  /** The app's delivery id of an event, read from its first argument; none: no dedupe. */
  messageId: MessageId | undefined;
  load: () => Promise<SocketIOModuleLike>;
}

/**
 * One Socket.IO `Socket` per wire, kept across attempts: Socket.IO's connection state recovery
 * only restores a session for the same Socket object (it resends its session id and offset).
 */
export class SocketIOWire extends Wire {
  /** Whether the last successful connect restored the previous session. */
  recovered = false;
  readonly recoverListeners = new Set<() => void>();
  private socket: Promise<SocketLike> | undefined;
  private current: SocketLike | undefined;
  private readonly pending: Array<{ event: string; args: unknown[] }> = [];
  private attempt: AttemptContext | undefined;

  constructor(
    readonly config: SocketIOConnectConfig,
    env: Wire['env'],
    options: WireOptions,
  ) {
    super(
      socketIODriver(() => this as SocketIOWire),
      env,
      options,
    );
  }

  /** Emits now, or once the socket exists; Socket.IO itself buffers while disconnected. */
  emit(event: string, args: unknown[]): void {
    if (this.current) this.current.emit(event, ...args);
    else this.pending.push({ event, args });
  }

  /** Creates the socket on the first attempt (loading socket.io-client) and reuses it after. */
  getSocket(attempt: AttemptContext): Promise<SocketLike> {
    this.attempt = attempt;
    this.socket ??= this.config.load().then((module) => {
      const socket = module.io(this.config.url, {
        ...this.config.ioOptions,
        // Called by Socket.IO on every connect of this Socket, so it reads the current attempt.
        auth: (callback: (data: Record<string, unknown>) => void) => {
          const current = this.attempt;
          this.handshake(current?.cursor).then(callback, (cause) =>
            current?.fail(toTidingsError(cause, 'auth')),
          );
        },
      });
      this.current = socket;
      for (const { event, args } of this.pending.splice(0)) socket.emit(event, ...args);
      return socket;
    });
    return this.socket;
  }

  /** The wire cursor rides along so a server that cannot recover the session replays after it. */
  private async handshake(cursor: string | undefined): Promise<Record<string, unknown>> {
    const { auth } = this.config;
    const base = typeof auth === 'function' ? await auth() : (auth ?? {});
    return cursor === undefined ? { ...base } : { ...base, cursor };
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

/**
 * With connection state recovery on, the server appends its offset to broadcast events as a last
 * string argument; socket.io-client reads it as the offset too. It is not application data.
 */
function withoutOffset(socket: SocketLike, args: unknown[]): unknown[] {
  const hasSession = Boolean((socket as unknown as { _pid?: string })._pid);
  const trimmed = args.filter((arg) => typeof arg !== 'function');
  if (hasSession && typeof trimmed.at(-1) === 'string') trimmed.pop();
  return trimmed;
}

function socketIODriver(wire: () => SocketIOWire): Driver {
  return {
    start(context: AttemptContext) {
      let stopped = false;
      let socket: SocketLike | undefined;
      const disposers: Array<() => void> = [];
      const on = (target: SocketLike, event: string, fn: Parameters<SocketLike['on']>[1]) => {
        target.on(event, fn);
        disposers.push(() => target.off(event, fn));
      };
      wire()
        .getSocket(context)
        .then(
          (created) => {
            if (stopped) return;
            socket = created;
            on(created, 'connect', () => {
              const self = wire();
              self.recovered = created.recovered === true;
              context.opened();
              if (self.recovered) for (const fn of [...self.recoverListeners]) fn();
            });
            on(created, 'connect_error', (error: Error) => {
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
              context.frame(
                eventFrame(event, withoutOffset(created, args), wire().config.messageId, context),
              );
            };
            created.onAny(any);
            disposers.push(() => created.offAny(any));
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
      return () => {
        stopped = true;
        for (const dispose of disposers.splice(0)) dispose();
        // Not connected (the usual case after a failure): no packet is sent and the server keeps
        // the session for recovery; `connect()` on the next attempt reopens the same Socket.
        socket?.disconnect();
      };
    },
  };
}
