import type { ChannelInternals } from '../../channelInternals';
import { relayCall } from '../../crossTab/relayCall';
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

/** The verb and arguments a following tab's call is relayed as (see `crossTab/serve.ts`). */
export interface RelayAs {
  verb: string;
  args: unknown[];
}

/** For a verb whose client library encodes what it is handed (Socket.IO): nothing to refuse. */
export const encodedByTheClient = (): Encoded<undefined> => ({ ok: true, data: undefined });

/**
 * The common start of every sending verb (WebSocket `send`, Socket.IO `emit`, MQTT `publish`,
 * realtime `send`), so each refuses the same way before its wire sees the message: not connected,
 * an `unsent` receipt; a payload `encode` cannot encode, a `config` receipt, also reported to the
 * channel (a call that can never succeed is a bug, even when nobody awaits the receipt). In a tab
 * that follows another (cross-tab sharing), the call is then relayed to the leading tab as `relay`
 * says; otherwise `send` hands the encoded payload to the wire.
 *
 * @example
 * send: (message) =>
 *   sendThrough(internals, 'WebSocket', message, () => encodeMessage(message), (wire, data) =>
 *     wire.send(owner, message, data, limit),
 *     { verb: 'send', args: [message] },
 *   ),
 */
export function sendThrough<W extends Wire, D, T = void>(
  internals: ChannelInternals<W>,
  transport: string,
  message: unknown,
  encode: () => Encoded<D>,
  send: (wire: W, data: D) => SendReceipt<T>,
  relay: RelayAs,
): SendReceipt<T> {
  const wire = internals.wire();
  if (!wire) return notConnectedReceipt<T>(message, transport);
  const encoded = encode();
  if (!encoded.ok) {
    internals.report(encoded.error);
    return refusedReceipt<T>(encoded.error);
  }
  // A following tab's call runs on the leading tab's connection.
  return relayCall<T>(wire, relay.verb, relay.args, internals.report) ?? send(wire, encoded.data);
}
