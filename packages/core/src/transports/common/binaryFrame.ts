import type { Frame } from '../../wire';

/** Bytes as a frame carries them: an ArrayBuffer, a typed array or a Blob. */
export function isBinaryFrame(raw: unknown): raw is ArrayBuffer | ArrayBufferView | Blob {
  return (
    raw instanceof ArrayBuffer ||
    ArrayBuffer.isView(raw) ||
    (typeof Blob !== 'undefined' && raw instanceof Blob)
  );
}

/**
 * The decode result of a binary frame: delivered raw, so a custom `parse` can read the bytes,
 * while the default `'json'` parse reports it instead of passing bytes on as a message.
 */
export function binaryIsNotJson(raw: unknown): Frame['json'] {
  const size = byteSize(raw);
  return {
    ok: false,
    error: new Error(
      `binary frame${size === undefined ? '' : ` of ${size} bytes`} is not JSON; pass a parse function to read it`,
    ),
  };
}

function byteSize(raw: unknown): number | undefined {
  if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) return raw.byteLength;
  if (typeof Blob !== 'undefined' && raw instanceof Blob) return raw.size;
  return undefined;
}
