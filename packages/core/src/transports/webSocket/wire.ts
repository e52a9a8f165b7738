import { configError, messageOf, TidingsError } from '../../errors';
import { decodeJson } from '../../parse';
import { type AttemptContext, type Driver, type Frame, Wire, type WireOptions } from '../../wire';
import { binaryIsNotJson } from '../shared/binaryFrame';
import { encodeMessage, type SocketPayload } from '../shared/encode';
import { type MessageId, readMessageId } from '../shared/messageId';
import {
  closedReason,
  Outbox,
  type OutboxEntry,
  type OutboxOwner,
  pendingReceipt,
  refusedReceipt,
  type SendReceipt,
  sentReceipt,
  unsentError,
} from '../shared/outbox';
import { applyControlFrame } from '../shared/resumeSignal';
import { withQuery } from '../shared/withQuery';
import { closeError } from './close';
import { isPong, type ResolvedHeartbeat, startHeartbeat } from './heartbeat';

const OPEN = 1;

interface QueuedSend extends OutboxEntry {
  readonly data: SocketPayload;
  resolve(): void;
}

/**
 * A WebSocket wire: the socket of the live attempt plus the messages waiting for it.
 *
 * WebSocket has no delivery ack, so a write counts as delivered once the server showed it kept
 * the connection: its first frame on that socket, or a close that is not final. Until then the
 * write is unconfirmed: a server that accepts the upgrade and then refuses the connection for good
 * (4401, 4403, 1008) drops what came with it, and those messages go back in line, to be reported
 * `unsent` when the channel closes (or sent again if `shouldReconnect` retries).
 */
export class WebSocketWire extends Wire {
  private socket: WebSocket | undefined;
  private readonly outbox = new Outbox<QueuedSend>();
  /** Writes on the current socket before its first incoming frame, oldest first. */
  private unconfirmed: QueuedSend[] = [];
  private confirmed = false;

  /**
   * Sends now when open; otherwise queues up to `limit` messages for `owner` (0: refuse). Throws
   * what the socket's `send` throws.
   */
  send(owner: OutboxOwner, message: unknown, data: SocketPayload, limit: number): SendReceipt {
    // Stopped, or closed for good by a non-retried error: nothing would ever flush the queue.
    if (!this.isRunning) {
      return refusedReceipt(unsentError([message], 'the WebSocket channel is not connected'));
    }
    const socket = this.socket;
    if (socket && socket.readyState === OPEN) {
      socket.send(data);
      if (this.confirmed) return sentReceipt();
      const pending = pendingReceipt<void>('sent');
      this.unconfirmed.push({ owner, message, data, ...pending });
      return pending.receipt;
    }
    if (limit <= 0) {
      return refusedReceipt(
        unsentError([message], 'the socket is not open and queueing is off (queue: false)'),
      );
    }
    const pending = pendingReceipt<void>('queued');
    this.outbox.push({ owner, message, data, ...pending }, limit);
    return pending.receipt;
  }

  /**
   * Takes back what `owner` queued, reported `unsent`: its channel left before the socket opened,
   * or the wire closed for good (every channel detaches then, after it saw the closing error).
   */
  forget(owner: OutboxOwner): void {
    const { reason, cause } = this.isRunning
      ? closedReason(null)
      : closedReason(this.getState().error);
    this.outbox.forget(owner, reason, cause);
  }

  /** Makes `socket` current and flushes the queue into it, in order. Throws what `send` throws. */
  adopt(socket: WebSocket): void {
    this.socket = socket;
    this.confirmed = false;
    for (let entry = this.outbox.peek(); entry !== undefined; entry = this.outbox.peek()) {
      socket.send(entry.data);
      // Removed only once sent: a throwing send leaves it first in line for the next socket.
      this.outbox.shift();
      this.unconfirmed.push(entry);
    }
  }

  /** A frame arrived on `socket`: the server kept the connection, so its writes are delivered. */
  heard(socket: WebSocket): void {
    if (this.socket !== socket || this.confirmed) return;
    this.confirmed = true;
    for (const entry of this.unconfirmed.splice(0)) entry.resolve();
  }

  /**
   * Forgets `socket` unless a newer attempt already replaced it (the stale-socket guard). Its
   * unconfirmed writes go back in line when the server closed it for good, else count as sent.
   */
  release(socket: WebSocket, error?: TidingsError): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    const unconfirmed = this.unconfirmed.splice(0);
    if (error && !error.retryable) this.outbox.unshift(unconfirmed);
    else for (const entry of unconfirmed) entry.resolve();
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
  const ping = heartbeat ? encodeMessage(heartbeat.message) : undefined;
  // From creation on: the handshake must also complete within the heartbeat's deadline.
  const beat = heartbeat
    ? startHeartbeat(
        context.env,
        heartbeat,
        `The WebSocket ${url}`,
        () => {
          if (ping?.ok && socket.readyState === OPEN) socket.send(ping.data);
        },
        (error) => fail(error),
      )
    : undefined;

  const finish = (error?: TidingsError) => {
    live = false;
    beat?.stop();
    wire.release(socket, error);
    socket.removeEventListener('open', onOpen);
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('close', onClose);
  };
  const fail = (error: TidingsError) => {
    finish(error);
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
    beat?.opened();
    context.opened();
  }

  function onMessage(event: Event): void {
    if (!live) return;
    beat?.alive();
    wire.heard(socket);
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
