import { messageOf, TidingsError } from './errors';
import { hasProtoKey, mayHoldProtoKey, PROTO_KEY_REFUSED } from './protoKey';
import type { StandardSchemaV1 } from './standardSchema';
import type { FrameMeta, Parse } from './types';
import { validateSchema } from './validateSchema';
import type { Frame } from './wire';

/** Decodes a string frame as JSON once, so `messageId` and consumers share the work. */
export function decodeJson(raw: string): NonNullable<Frame['json']> {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Applies a consumer's `parse`, then its `schema` if any, to a frame; throws a `parse` TidingsError
 * naming the problem.
 */
export function parseFrame<TMessage>(
  frame: Frame,
  parse: Parse<TMessage>,
  schema?: StandardSchemaV1,
): TMessage {
  const parsed = decodeFrame(frame, parse);
  return schema ? (validateSchema(schema, parsed, describe(frame.meta)) as TMessage) : parsed;
}

function decodeFrame<TMessage>(frame: Frame, parse: Parse<TMessage>): TMessage {
  const { raw, meta } = frame;
  try {
    if (typeof parse === 'function') return parse(raw, meta);
    if (parse === 'text') return asText(raw) as TMessage;
    // A decode result supplied by the wire wins even for non-string raw: a transport can mark a
    // binary frame as "not JSON" so the default parse reports it instead of passing bytes on.
    if (typeof raw !== 'string' && !frame.json) return refuseProtoKey(raw, true) as TMessage;
    const decoded = frame.json ?? decodeJson(raw as string);
    if (!decoded.ok) throw decoded.error;
    return refuseProtoKey(
      decoded.value,
      typeof raw !== 'string' || mayHoldProtoKey(raw),
    ) as TMessage;
  } catch (error) {
    throw new TidingsError('parse', `Could not parse ${describe(meta)}: ${messageOf(error)}`, {
      cause: error,
      retryable: false,
    });
  }
}

/** See {@link hasProtoKey}: the default parse never hands the app a `__proto__` key. */
function refuseProtoKey(value: unknown, check: boolean): unknown {
  if (check && hasProtoKey(value)) {
    throw new Error(PROTO_KEY_REFUSED);
  }
  return value;
}

/** Binary frames (WebSocket) are decoded as UTF-8; structured values are shown as JSON. */
function asText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) return new TextDecoder().decode(raw);
  return JSON.stringify(raw);
}

/** How an error names the frame: its topic or event where it has one. */
export function describe(meta: FrameMeta): string {
  if (meta.topic) return `message on topic "${meta.topic}"`;
  if (meta.event) return `"${meta.event}" message`;
  return 'message';
}
