import { createChannel } from '../../channel';
import { channelInternals, extendChannel } from '../../channelInternals';
import { serveAcrossTabs } from '../../crossTab/serve';
import { resolveEnv } from '../../env';
import { configError, TidingsError } from '../../errors';
import type { Channel, ChannelOptions } from '../../types';
import { wireKey } from '../../wireKey';
import { encodeMessage } from '../common/encode';
import { type MessageId, messageIdKey } from '../common/messageId';
import {
  checkQueue,
  type OutboxOwner,
  queueLimit,
  refusedReceipt,
  type SendReceipt,
  unsentError,
} from '../common/outbox';
import { sendThrough } from '../common/send';
import { checkDuration, firstError } from '../common/validate';
import { type HeartbeatOptions, resolveHeartbeat } from './heartbeat';
import { resolveSocketUrl } from './url';
import { type SocketUrlGetter, WebSocketWire } from './wire';

export type { HeartbeatOptions } from './heartbeat';
export type { SocketUrlGetter } from './wire';

export interface WebSocketOptions<TMessage, TData = TMessage>
  extends ChannelOptions<TMessage, TData> {
  /** Subprotocols offered to the server. @default none */
  protocols?: string | string[];
  /**
   * Pings every `interval` and reconnects (error kind `timeout`) when no frame at all arrived for
   * `interval + timeout` ms, the handshake included: how a black-holed socket is noticed. `true`
   * uses the defaults of every field (35 s to notice). Off by default because a plain server may
   * not answer, or may reject, a ping it does not know. @default false
   */
  heartbeat?: HeartbeatOptions | boolean;
  /**
   * How many messages `send()` keeps for this channel while the socket is not open (flushed in
   * order on open). When full, the oldest queued message is dropped and reported as `unsent`
   * through `onError`. `false` (or 0): refuse sends while not open. @default 100
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

/**
 * `TSend` types what `send()` takes (an outgoing message union, say); it is not checked at run
 * time.
 */
export interface WebSocketChannel<TMessage, TData = TMessage, TSend = unknown>
  extends Channel<TMessage, TData> {
  /**
   * Sends `message`: strings, ArrayBuffers, typed arrays and Blobs as they are, anything else as
   * JSON (encoded at the call). Follows the send contract ({@link SendReceipt}): `status` is
   * `'sent'` (written to the open socket), `'queued'` (sent on open, or reported `unsent` if the
   * channel closes first) or `'refused'` (`unsent`: not connected, or `queue: false` while not
   * open; `config`: not encodable as JSON, also reported). WebSocket has no ack: the receipt
   * resolves once the message is written to a socket.
   */
  send(message: TSend): SendReceipt;
  /**
   * The escape hatch: the live attempt's `WebSocket` (`bufferedAmount`, `extensions`, ...), still
   * connecting or open; undefined between attempts and while a `url` getter is pending. Do not
   * `close()` it, nor replace its handlers: that bypasses the wire (no retry rules, no queue).
   * Use the channel's `close()` / `reconnect()`.
   */
  raw(): WebSocket | undefined;
}

/**
 * A WebSocket channel that reconnects with backoff, resumes from the last message id (`?cursor=`),
 * queues sends while disconnected and shares one socket among identical channels.
 *
 * @example
 * const chat = createWebSocket<ChatMessage, ChatMessage, ChatCommand>('/ws', { heartbeat: true });
 * chat.onMessage((message) => console.log(message));
 * chat.send({ type: 'chat', data: { text: 'hi' } }); // status 'queued': sent once the socket is open
 */
export function createWebSocket<TMessage, TData = TMessage, TSend = unknown>(
  url: string | URL | SocketUrlGetter,
  options: WebSocketOptions<TMessage, TData> = {},
): WebSocketChannel<TMessage, TData, TSend> {
  // The page's location is read when the channel is created (never at import) to resolve '/ws';
  // a getter's URL is resolved on every attempt instead.
  const resolved =
    typeof url === 'function'
      ? ({ ok: true, url } as const)
      : resolveSocketUrl(url, resolveEnv(options.env).window);
  const heartbeat = resolveHeartbeat(options.heartbeat);
  const limit = queueLimit(options.queue);
  const pauseWhenHidden = options.pauseWhenHidden ?? false;
  const socketUrl = resolved.ok ? resolved.url : String(url);
  /** How the socket is named in messages: a getter's URL is only known per attempt. */
  const socketName = typeof socketUrl === 'function' ? 'from the url getter' : socketUrl;
  // One owner per channel: its queued messages, its queue bound on a shared socket, and where
  // their loss is reported.
  const owner: OutboxOwner = { report: (error) => internals.report(error) };
  // Sends relayed from other tabs: their receipts carry every loss back to the tab that sent.
  const relayedOwner: OutboxOwner = { report: () => {} };

  const channel = createChannel<TMessage, TData, WebSocketWire>(
    {
      // `queue` is left out on purpose: the bound is per consumer, so channels that differ only in
      // it still share one socket (see Outbox).
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
      createWire: (env) => {
        const wire = new WebSocketWire(
          { url: socketUrl, protocols: options.protocols, heartbeat, messageId: options.messageId },
          env,
          { reconnect: options.reconnect, pauseWhenHidden, orderedIds: options.orderedIds },
        );
        // Sends of the other tabs, when this tab leads: each is reported in the tab that sent it.
        serveAcrossTabs(wire, 'send', ([message]) => {
          const encoded = encodeMessage(message);
          if (!encoded.ok) return refusedReceipt(encoded.error);
          return wire.send(relayedOwner, message, encoded.data, limit);
        });
        return wire;
      },
      attach: (wire) => () => wire.forget(owner),
    },
    options,
  );
  const internals = channelInternals<WebSocketWire>(channel);

  return extendChannel(channel, {
    ...channel,
    raw: () => channel.raw() as WebSocket | undefined,
    send: (message) =>
      sendThrough(
        internals,
        'WebSocket',
        message,
        () => encodeMessage(message),
        (wire, data) => {
          try {
            return wire.send(owner, message, data, limit);
          } catch (cause) {
            const error = new TidingsError(
              'network',
              `send() on ${socketName} failed: ${String(cause)}`,
              { cause },
            );
            internals.report(error);
            return refusedReceipt(unsentError([message], 'the socket refused it', error));
          }
        },
        { verb: 'send', args: [message] },
      ),
  });
}

function checkProtocols(protocols: unknown): TidingsError | undefined {
  if (protocols === undefined) return undefined;
  const list = Array.isArray(protocols) ? protocols : [protocols];
  if (list.every((p) => typeof p === 'string' && p !== '')) return undefined;
  return configError(`protocols must be a non-empty string or an array of them`);
}
