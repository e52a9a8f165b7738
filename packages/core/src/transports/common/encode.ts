import { TidingsError } from '../../errors';

/** What `WebSocket.send` accepts as it is. */
export type SocketPayload = string | ArrayBufferLike | Blob | ArrayBufferView;

/**
 * Strings, ArrayBuffers, typed-array views and Blobs go out as they are; anything else as JSON.
 * Encoding happens at `send()` time, so a message mutated after `send()` is sent as it was, and a
 * value JSON cannot encode (a cycle, a BigInt, `undefined`) is refused at once.
 */
export function encodeMessage(
  message: unknown,
): { ok: true; data: SocketPayload } | { ok: false; error: TidingsError } {
  if (typeof message === 'string' || isBinary(message)) return { ok: true, data: message };
  let json: string | undefined;
  try {
    json = JSON.stringify(message);
  } catch (cause) {
    return { ok: false, error: notEncodable(String((cause as Error)?.message ?? cause), cause) };
  }
  if (json === undefined)
    return { ok: false, error: notEncodable(`${typeof message} has no JSON form`) };
  return { ok: true, data: json };
}

export function isBinary(value: unknown): value is ArrayBufferLike | Blob | ArrayBufferView {
  return (
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof Blob !== 'undefined' && value instanceof Blob)
  );
}

function notEncodable(why: string, cause?: unknown): TidingsError {
  return new TidingsError('config', `send(): the message cannot be encoded as JSON: ${why}`, {
    cause,
    retryable: false,
  });
}
