import { configError, TidingsError } from '../errors';
import { type MessageId, readMessageId } from '../messageId';
import { decodeJson } from '../parse';
import { applyControlFrame } from '../resumeSignal';
import { type AttemptContext, type Driver, type Frame, Wire, type WireOptions } from '../wire';
import { withQuery } from '../withQuery';
import { SendQueue } from './sendQueue';
import { closeError } from './webSocketClose';
import { encodeMessage, type SocketPayload } from './webSocketEncode';
import { isPong, type ResolvedHeartbeat, startHeartbeat } from './webSocketHeartbeat';

const OPEN = 1;

/** What became of one `send()`. `dropped`: the queue was full and the owner's oldest message went. */
export type SendOutcome = { result: 'sent' | 'queued'; dropped: boolean } | { result: 'refused' };

/** A WebSocket wire: the socket of the live attempt plus the queue of messages waiting for it. */
export class WebSocketWire extends Wire {
  private socket: WebSocket | undefined;
  private readonly queue = new SendQueue();

  /** Sends now when open; otherwise queues up to `limit` messages for `owner` (0: refuse). */
  send(owner: object, data: SocketPayload, limit: number): SendOutcome {
    // Stopped, or closed for good by a non-retried error: nothing would ever flush the queue.
    if (!this.isRunning) return { result: 'refused' };
    const socket = this.socket;
    if (socket && socket.readyState === OPEN) {
      socket.send(data);
      return { result: 'sent', dropped: false };
    }
    if (limit <= 0) return { result: 'refused' };
    const dropped = this.queue.push(owner, data, limit) !== undefined;
    return { result: 'queued', dropped };
  }

  /** Forgets what `owner` queued (its channel closed before the socket opened). */
  forget(owner: object): void {
    this.queue.removeOwner(owner);
  }

  /** Makes `socket` current and flushes the queue into it, in order. Throws what `send` throws. */
  adopt(socket: WebSocket): void {
    this.socket = socket;
    for (let data = this.queue.peek(); data !== undefined; data = this.queue.peek()) {
      socket.send(data);
      // Removed only once sent: a throwing send leaves it first in line for the next socket.
      this.queue.shift();
    }
  }

  /** Forgets `socket` unless a newer attempt already replaced it (the stale-socket guard). */
  release(socket: WebSocket): void {
    if (this.socket === socket) this.socket = undefined;
  }
}

export interface WebSocketDriverOptions {
  url: string;
  protocols: string | string[] | undefined;
  heartbeat: ResolvedHeartbeat | false;
  /** The app's delivery id of a message; none: no dedupe, the cursor is the open's position. */
  messageId: MessageId | undefined;
}

/**
 * Creates the wire of a WebSocket channel: one socket per attempt plus the shared send queue.
 *
 * @example
 * const wire = createWebSocketWire(
 *   { url: 'wss://example.com/ws', protocols: undefined, heartbeat: false, messageId: undefined },
 *   env,
 *   { reconnect: true },
 * );
 */
export function createWebSocketWire(
  options: WebSocketDriverOptions,
  env: WebSocketWire['env'],
  wireOptions: WireOptions,
): WebSocketWire {
  const wire: WebSocketWire = new WebSocketWire(
    webSocketDriver(options, () => wire),
    env,
    wireOptions,
  );
  return wire;
}

function webSocketDriver(options: WebSocketDriverOptions, getWire: () => WebSocketWire): Driver {
  return {
    start(context) {
      const { env } = context;
      let socket: WebSocket;
      try {
        if (!env.WebSocket) {
          throw configError(
            'WebSocket is not available here: pass env.WebSocket (in Node, from "ws")',
          );
        }
        socket = new env.WebSocket(
          withQuery(options.url, { cursor: context.cursor }),
          options.protocols,
        );
      } catch (cause) {
        const error =
          cause instanceof TidingsError
            ? cause
            : new TidingsError(
                'config',
                `Could not open WebSocket ${options.url}: ${messageOf(cause)}`,
                {
                  cause,
                  retryable: false,
                },
              );
        // Reported after start() returns, so the wire has recorded this attempt's teardown.
        env.queueMicrotask(() => context.fail(error));
        return () => {};
      }
      return runSocket(socket, options, getWire(), context);
    },
  };
}

/** Drives one socket for one attempt; returns the teardown. */
function runSocket(
  socket: WebSocket,
  options: WebSocketDriverOptions,
  wire: WebSocketWire,
  context: AttemptContext,
): () => void {
  const { heartbeat, url } = options;
  // The same type in every runtime (browsers default to Blob, `ws` to Buffer), and synchronous.
  socket.binaryType = 'arraybuffer';
  let live = true;
  let beat: ReturnType<typeof startHeartbeat> | undefined;

  const finish = () => {
    live = false;
    beat?.stop();
    wire.release(socket);
    socket.removeEventListener('open', onOpen);
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('close', onClose);
  };
  const fail = (error: TidingsError) => {
    finish();
    context.fail(error);
  };

  // Every handler checks `live`: events of a socket whose attempt ended do nothing, even if the
  // platform delivers one after removeEventListener (the wire's attempt token guards the rest).
  function onOpen(): void {
    if (!live) return;
    try {
      wire.adopt(socket);
    } catch (cause) {
      fail(new TidingsError('network', `Sending on ${url} failed: ${messageOf(cause)}`, { cause }));
      return;
    }
    if (heartbeat) {
      const ping = encodeMessage(heartbeat.message);
      beat = startHeartbeat(
        context.env,
        heartbeat,
        () => {
          if (ping.ok && socket.readyState === OPEN) socket.send(ping.data);
        },
        () =>
          fail(
            new TidingsError(
              'timeout',
              `No answer from ${url} within ${heartbeat.timeout} ms of a ping`,
            ),
          ),
      );
    }
    context.opened();
  }

  function onMessage(event: Event): void {
    if (!live) return;
    beat?.alive();
    const raw: unknown = (event as MessageEvent).data;
    if (typeof raw === 'string') {
      const json = decodeJson(raw);
      if (heartbeat && isPong(heartbeat, raw, json)) return;
      if (json.ok && applyControlFrame(json.value, context)) return;
      const frame: Frame = { raw, meta: {}, json };
      frame.id = readMessageId(options.messageId, frame, context);
      context.frame(frame);
      return;
    }
    if (heartbeat && isPong(heartbeat, raw, undefined)) return;
    const frame: Frame = { raw, meta: {}, json: binaryIsNotJson(raw) };
    frame.id = readMessageId(options.messageId, frame, context);
    context.frame(frame);
  }

  function onClose(event: Event): void {
    if (!live) return;
    const { code, reason } = event as CloseEvent;
    fail(closeError(code, reason, url));
  }

  // Never removed: `ws` throws an 'error' nobody listens to, and closing a connecting socket in
  // teardown emits one. The close event that follows carries what the app needs (the code).
  socket.addEventListener('error', () => {});
  socket.addEventListener('open', onOpen);
  socket.addEventListener('message', onMessage);
  socket.addEventListener('close', onClose);

  return () => {
    // Also after a heartbeat timeout, which ends the attempt while the socket is still open.
    finish();
    if (socket.readyState <= OPEN) socket.close(1000);
  };
}

/** Binary frames are delivered raw; the default JSON parse reports them instead of passing bytes. */
function binaryIsNotJson(raw: unknown): Frame['json'] {
  const size = raw instanceof ArrayBuffer ? ` of ${raw.byteLength} bytes` : '';
  return {
    ok: false,
    error: new Error(`binary frame${size} is not JSON; pass a parse function to read it`),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
