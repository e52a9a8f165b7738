import { createChannel } from '../channel';
import { resolveEnv } from '../env';
import { configError, TidingsError } from '../errors';
import { type MessageId, messageIdKey } from '../messageId';
import type { Channel, ChannelOptions } from '../types';
import { checkDuration, firstError } from '../validate';
import { wireKey } from '../wireKey';
import { encodeMessage } from './webSocketEncode';
import { type HeartbeatOptions, resolveHeartbeat } from './webSocketHeartbeat';
import { resolveSocketUrl } from './webSocketUrl';
import { createWebSocketWire, type WebSocketWire } from './webSocketWire';

export type { HeartbeatOptions } from './webSocketHeartbeat';

const DEFAULT_QUEUE = 100;

export interface WebSocketOptions<TMessage, TData = TMessage>
  extends ChannelOptions<TMessage, TData> {
  /** Subprotocols offered to the server. @default none */
  protocols?: string | string[];
  /**
   * Pings on a timer and reconnects when no frame follows within `timeout`. `true` uses the
   * defaults of every field. @default false
   */
  heartbeat?: HeartbeatOptions | boolean;
  /**
   * How many messages `send()` keeps for this channel while the socket is not open (flushed in
   * order on open). When full, the oldest queued message is dropped and reported through
   * `onError`. `false` (or 0): refuse sends while not open. @default 100
   */
  queue?: number | boolean;
  /**
   * The delivery id of a message (called with the decoded JSON, or the text or bytes): drops a
   * message seen twice and is the cursor sent as `?cursor=` on reconnect. Without it the cursor is
   * the position the server stated at the last open (see "Resume protocol" in the README).
   * @default none (no dedupe)
   */
  messageId?: MessageId;
  /** Ids `messageId` returns are increasing decimal counters: drop any at or before the cursor. @default false */
  orderedIds?: boolean;
}

export interface WebSocketChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {
  /**
   * Sends `message`: strings, ArrayBuffers, typed arrays and Blobs as they are, anything else as
   * JSON. Queued while the socket is not open. Returns true when sent or queued, false when refused
   * (channel not connected or closed, `queue: false` while not open, or not encodable as JSON).
   */
  send(message: unknown): boolean;
}

/**
 * A WebSocket channel that reconnects with backoff, resumes from the last message id (`?cursor=`),
 * queues sends while disconnected and shares one socket among identical channels.
 *
 * @example
 * const chat = createWebSocket<ChatMessage>('/ws', { heartbeat: true });
 * chat.onMessage((message) => console.log(message));
 * chat.send({ type: 'chat', data: { text: 'hi' } }); // queued until the socket is open
 */
export function createWebSocket<TMessage, TData = TMessage>(
  url: string | URL,
  options: WebSocketOptions<TMessage, TData> = {},
): WebSocketChannel<TMessage, TData> {
  // The page's location is read when the channel is created (never at import) to resolve '/ws'.
  const resolved = resolveSocketUrl(url, resolveEnv(options.env).window);
  const heartbeat = resolveHeartbeat(options.heartbeat);
  const limit = queueLimit(options.queue);
  const pauseWhenHidden = options.pauseWhenHidden ?? false;
  const socketUrl = resolved.ok ? resolved.url : String(url);
  // One owner token per channel: its queued messages and its queue bound on a shared socket.
  const owner = {};

  const channel = createChannel<TMessage, TData, WebSocketWire>(
    {
      // `queue` is left out on purpose: the bound is per consumer, so channels that differ only in
      // it still share one socket (see SendQueue).
      key: wireKey('webSocket', {
        url: socketUrl,
        protocols: options.protocols,
        heartbeat,
        messageId: messageIdKey(options.messageId),
        orderedIds: options.orderedIds,
        reconnect: options.reconnect,
        pauseWhenHidden,
      }),
      validate: () =>
        firstError(
          resolved.ok ? undefined : resolved.error,
          checkProtocols(options.protocols),
          checkQueue(options.queue),
          heartbeat ? checkDuration('heartbeat.interval', heartbeat.interval) : undefined,
          heartbeat ? checkDuration('heartbeat.timeout', heartbeat.timeout) : undefined,
        ),
      createWire: (env) =>
        createWebSocketWire(
          { url: socketUrl, protocols: options.protocols, heartbeat, messageId: options.messageId },
          env,
          { reconnect: options.reconnect, pauseWhenHidden, orderedIds: options.orderedIds },
        ),
      attach: (wire) => () => wire.forget(owner),
    },
    options,
  );

  return {
    ...channel,
    send(message) {
      const wire = channel.internals.wire();
      // Not connected (idle, closed, disabled): nothing would ever flush a queue, so refuse.
      if (!wire) return false;
      const encoded = encodeMessage(message);
      if (!encoded.ok) {
        channel.internals.report(encoded.error);
        return false;
      }
      let outcome: ReturnType<WebSocketWire['send']>;
      try {
        outcome = wire.send(owner, encoded.data, limit);
      } catch (cause) {
        channel.internals.report(
          new TidingsError('network', `send() on ${socketUrl} failed: ${String(cause)}`, { cause }),
        );
        return false;
      }
      if (outcome.result === 'refused') return false;
      if (outcome.dropped) {
        // The dropped message was accepted earlier (send returned true): only an error can say so.
        channel.internals.report(
          new TidingsError(
            'network',
            `Send queue full (${limit} messages while not connected): dropped the oldest`,
            { retryable: false },
          ),
        );
      }
      return true;
    },
  };
}

function queueLimit(queue: number | boolean | undefined): number {
  if (queue === undefined || queue === true) return DEFAULT_QUEUE;
  if (queue === false) return 0;
  return queue;
}

function checkQueue(queue: unknown): TidingsError | undefined {
  if (queue === undefined || typeof queue === 'boolean') return undefined;
  if (typeof queue === 'number' && Number.isInteger(queue) && queue >= 0) return undefined;
  return configError(`queue must be false or a whole number of messages, got ${String(queue)}`);
}

function checkProtocols(protocols: unknown): TidingsError | undefined {
  if (protocols === undefined) return undefined;
  const list = Array.isArray(protocols) ? protocols : [protocols];
  if (list.every((p) => typeof p === 'string' && p !== '')) return undefined;
  return configError(`protocols must be a non-empty string or an array of them`);
}
