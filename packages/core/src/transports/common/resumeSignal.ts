import type { AttemptContext } from '../../wire';

// The signals of the tidings resume protocol, recognised once for every transport: each open
// states a position (so a channel has a cursor before its first message), and a cursor the server
// no longer holds is answered with a reset. Never delivered to the app.

/** SSE event type and Socket.IO event name of the position signal. */
export const POSITION_EVENT = 'tidings:position';
/** SSE event type and Socket.IO event name of the reset signal. */
export const RESET_EVENT = 'tidings:reset';

type Signals = Pick<AttemptContext, 'setCursor' | 'reset'>;

const UNKNOWN_REASON = 'no reason given';

/**
 * A WebSocket or iframe-stream value that is a control frame of the protocol: a decoded JSON
 * object whose `$tidings` field is a string. Applies it and returns true; an unknown `$tidings`
 * value is ignored (forward compatible) but still not delivered.
 */
export function applyControlFrame(value: unknown, context: Signals): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const frame = value as { $tidings?: unknown; cursor?: unknown; reason?: unknown };
  if (typeof frame.$tidings !== 'string') return false;
  if (typeof frame.cursor === 'string') {
    if (frame.$tidings === 'position') context.setCursor(frame.cursor);
    else if (frame.$tidings === 'reset') context.reset(frame.cursor, reasonOf(frame.reason));
  }
  return true;
}

/**
 * An SSE event of the protocol: `tidings:position` (the `id:` or, where the client cannot read
 * ids, the data is the position) or `tidings:reset` (`id:` the new position, data
 * `{"reason": ...}`). Applies it and returns true.
 */
export function applySseSignal(
  type: string,
  id: string | undefined,
  data: string,
  context: Signals,
): boolean {
  if (type !== POSITION_EVENT && type !== RESET_EVENT) return false;
  const cursor = id || undefined;
  if (type === POSITION_EVENT) {
    const position = cursor ?? data;
    if (position !== '') context.setCursor(position);
  } else if (cursor !== undefined) {
    context.reset(cursor, reasonOf(reasonField(data)));
  }
  return true;
}

/**
 * A Socket.IO event of the protocol: `tidings:position` with the cursor string, `tidings:reset`
 * with `{ cursor, reason }`. Applies it and returns true.
 */
export function applySocketIOSignal(event: string, args: unknown[], context: Signals): boolean {
  if (event === POSITION_EVENT) {
    if (typeof args[0] === 'string' && args[0] !== '') context.setCursor(args[0]);
    return true;
  }
  if (event === RESET_EVENT) {
    const { cursor, reason } = (args[0] ?? {}) as { cursor?: unknown; reason?: unknown };
    if (typeof cursor === 'string') context.reset(cursor, reasonOf(reason));
    return true;
  }
  return false;
}

function reasonField(data: string): unknown {
  try {
    return (JSON.parse(data) as { reason?: unknown } | null)?.reason;
  } catch {
    return undefined;
  }
}

function reasonOf(reason: unknown): string {
  return typeof reason === 'string' && reason !== '' ? reason : UNKNOWN_REASON;
}
