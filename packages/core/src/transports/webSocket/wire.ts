import { configError, messageOf, TidingsError } from '../../errors';
import { decodeJson } from '../../parse';
import {
  type Attempt,
  type AttemptContext,
  type Driver,
  type Frame,
  Wire,
  type WireOptions,
} from '../../wire';
import { binaryIsNotJson } from '../common/binaryFrame';
import { encodeMessage, type SocketPayload } from '../common/encode';
import { type MessageId, readMessageId } from '../common/messageId';
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
} from '../common/outbox';
import { applyControlFrame } from '../common/resumeSignal';
import { notConnectedReceipt } from '../common/send';
import { type UrlGetter, urlGetterDriver } from '../common/urlGetter';
import { withQuery } from '../common/withQuery';
import { closeError } from './close';
import { isPong, type ResolvedHeartbeat, startHeartbeat } from './heartbeat';
import { resolveSocketUrl } from './url';

/**
 * A `url` computed per attempt (a token in the query that expires): called before every
 * connection, never cached; the attempt waits for it. The same as every transport's `UrlGetter`.
 */
export type SocketUrlGetter = UrlGetter;

const OPEN = 1;

interface QueuedSend extends OutboxEntry {
  readonly data: SocketPayload;
  resolve(): void;
}

/**
 * One socket's attempt, kept by the wire: writes go through it while its socket is open, and it
 * holds the writes the server has not yet shown it kept.
 */
export interface SocketAttempt extends Attempt {
  /**
   * Writes now when the socket is open and returns the receipt; undefined when it is not (the
   * wire queues then). Throws what the socket's `send` throws.
   */
  write(owner: OutboxOwner, message: unknown, data: SocketPayload): SendReceipt | undefined;
}

/**
 * A WebSocket wire: the live attempt's socket plus the messages waiting for one.
 *
 * WebSocket has no delivery ack, so a write counts as delivered once the server showed it kept
 * the connection: its first frame on that socket, or a close that is not final. Until then the
 * write is unconfirmed: a server that accepts the upgrade and then refuses the connection for good
 * (4401, 4403, 1008) drops what came with it, and those messages go back in line, to be reported
 * `unsent` when the channel closes (or sent again if `shouldReconnect` retries).
 */
export class WebSocketWire extends Wire<SocketAttempt> {
  /** Messages waiting for an open socket; each attempt flushes it when its socket opens. */
  readonly #outbox: Outbox<QueuedSend>;

  constructor(options: WebSocketDriverOptions, env: Wire['env'], wireOptions: WireOptions) {
    const outbox = new Outbox<QueuedSend>();
    super(webSocketDriver(options, outbox), env, wireOptions);
    this.#outbox = outbox;
  }

  /**
   * Sends now when open; otherwise queues up to `limit` messages for `owner` (0: refuse). Throws
   * what the socket's `send` throws.
   */
  send(owner: OutboxOwner, message: unknown, data: SocketPayload, limit: number): SendReceipt {
    // Stopped, or closed for good by a non-retried error: nothing would ever flush the queue.
    if (!this.isRunning) return notConnectedReceipt(message, 'WebSocket');
    const written = this.attempt?.write(owner, message, data);
    if (written) return written;
    if (limit <= 0) {
      return refusedReceipt(
        unsentError([message], 'the socket is not open and queueing is off (queue: false)'),
      );
    }
    const pending = pendingReceipt<void>('queued');
    this.#outbox.push({ owner, message, data, ...pending }, limit);
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
    this.#outbox.forget(owner, reason, cause);
  }
}

export interface WebSocketDriverOptions {
  /** The socket URL, or the app's getter (called on every attempt) resolved per attempt. */
  url: string | SocketUrlGetter;
  protocols: string | string[] | undefined;
  heartbeat: ResolvedHeartbeat | false;
  /** The app's delivery id of a message; none: no dedupe, the cursor is the open's position. */
  messageId: MessageId | undefined;
}

export function webSocketDriver(
  options: WebSocketDriverOptions,
  outbox: Outbox<QueuedSend>,
): Driver<SocketAttempt> {
  const { url } = options;
  const at = (resolved: string): Driver<SocketAttempt> => ({
    start: (context) => openSocket({ ...options, url: resolved }, outbox, context),
  });
  if (typeof url !== 'function') return at(url);
  // Writes wait in the wire's queue until the getter has answered and a socket exists.
  return urlGetterDriver(
    url,
    (value, context) => resolveSocketUrl(value, context.env.window),
    at,
    (inner) => ({ write: (owner, message, data) => inner()?.write(owner, message, data) }),
  );
}

/** The driver's options for one attempt: the URL resolved. */
interface ResolvedSocketOptions extends WebSocketDriverOptions {
  url: string;
}

/** Opens one socket for one attempt at a resolved URL. */
function openSocket(
  options: ResolvedSocketOptions,
  outbox: Outbox<QueuedSend>,
  context: AttemptContext,
): SocketAttempt {
  const { env } = context;
  let socket: WebSocket;
  try {
    if (!env.WebSocket) {
      throw configError('WebSocket is not available here: pass env.WebSocket (in Node, from "ws")');
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
    // Reported after start() returns, so the wire has recorded this attempt.
    env.queueMicrotask(() => context.fail(error));
    return { close() {}, write: () => undefined };
  }
  return runSocket(socket, options, outbox, context);
}

/** Drives one socket for one attempt. */
function runSocket(
  socket: WebSocket,
  options: ResolvedSocketOptions,
  outbox: Outbox<QueuedSend>,
  context: AttemptContext,
): SocketAttempt {
  const { heartbeat } = options;
  /** How errors name the socket (a getter's attempt hides its query: see `urlGetterDriver`). */
  const { url } = options;
  // The same type in every runtime (browsers default to Blob, `ws` to Buffer), and synchronous.
  socket.binaryType = 'arraybuffer';
  let live = true;
  /** The socket opened and took the queue; writes go straight to it until it is released. */
  let adopted = false;
  /** Writes on this socket before its first incoming frame, oldest first. */
  const unconfirmed: QueuedSend[] = [];
  let confirmed = false;

  /** Flushes the queue into the open socket, in order. Throws what `send` throws. */
  const adopt = () => {
    adopted = true;
    for (let entry = outbox.peek(); entry !== undefined; entry = outbox.peek()) {
      socket.send(entry.data);
      // Removed only once sent: a throwing send leaves it first in line for the next socket.
      outbox.shift();
      unconfirmed.push(entry);
    }
  };
  /** A frame arrived: the server kept the connection, so the writes on it are delivered. */
  const heard = () => {
    if (!adopted || confirmed) return;
    confirmed = true;
    for (const entry of unconfirmed.splice(0)) entry.resolve();
  };
  /** Unconfirmed writes go back in line when the server closed for good, else count as sent. */
  const release = (error?: TidingsError) => {
    if (!adopted) return;
    adopted = false;
    const written = unconfirmed.splice(0);
    if (error && !error.retryable) outbox.unshift(written);
    else for (const entry of written) entry.resolve();
  };
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
    release(error);
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
      adopt();
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
    heard();
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

  return {
    raw: () => (live ? socket : undefined),
    write(owner, message, data) {
      if (!adopted || socket.readyState !== OPEN) return undefined;
      socket.send(data);
      if (confirmed) return sentReceipt();
      const pending = pendingReceipt<void>('sent');
      unconfirmed.push({ owner, message, data, ...pending });
      return pending.receipt;
    },
    close() {
      // Also after a heartbeat timeout, which ends the attempt while the socket is still open.
      finish();
      if (socket.readyState <= OPEN) socket.close(1000);
    },
  };
}
