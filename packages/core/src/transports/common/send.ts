import type { ChannelInternals } from '../../channelInternals';
import type { TidingsError } from '../../errors';
import type { Wire } from '../../wire';
import { refusedReceipt, type SendReceipt, unsentError } from './outbox';

/** A payload ready for the connection, or why it cannot be. */
export type Encoded<D> = { ok: true; data: D } | { ok: false; error: TidingsError };

/**
 * The refusal of a message handed to a channel or wire that is not connected (no live wire, or a
 * wire closed for good): nothing would ever flush a queue, so it is `unsent` at once.
 */
export function notConnectedReceipt<T = void>(message: unknown, transport: string): SendReceipt<T> {
  return refusedReceipt<T>(unsentError([message], `the ${transport} channel is not connected`));
}

/**
 * The common start of every sending verb (WebSocket `send`, Socket.IO `emit`, MQTT `publish`), so
 * each refuses the same way before its wire sees the message: not connected, an `unsent` receipt;
 * a payload `encode` cannot encode, a `config` receipt, also reported to the channel (a call that
 * can never succeed is a bug, even when nobody awaits the receipt). Otherwise `send` hands the
 * encoded payload to the wire.
 *
 * @example
 * send: (message) =>
 *   sendThrough(internals, 'WebSocket', message, () => encodeMessage(message), (wire, data) =>
 *     wire.send(owner, message, data, limit),
 *   ),
 */
export function sendThrough<W extends Wire, D, T = void>(
  internals: ChannelInternals<W>,
  transport: string,
  message: unknown,
  encode: () => Encoded<D>,
  send: (wire: W, data: D) => SendReceipt<T>,
): SendReceipt<T> {
  const wire = internals.wire();
  if (!wire) return notConnectedReceipt<T>(message, transport);
  const encoded = encode();
  if (!encoded.ok) {
    internals.report(encoded.error);
    return refusedReceipt<T>(encoded.error);
  }
  return send(wire, encoded.data);
}
