import type { Resume } from './log';
import { sseFrame } from './sseFrame';

// The tidings resume protocol as this server speaks it: every open states the server's position
// once any replay is sent, and a cursor the log does not hold is answered with a reset first.

/** SSE event and Socket.IO event names of the two signals; clients never deliver them to apps. */
export const POSITION_EVENT = 'tidings:position';
export const RESET_EVENT = 'tidings:reset';

type Reset = NonNullable<Resume['reset']>;

// Every route answers a resume in the same order: the reset (if the cursor was not held), the
// replay, then the position. The position comes after the replay so that a client counting ids in
// order (`orderedIds`) never sees a replayed id as older than its cursor.

/** The JSON control frames of WebSocket and the iframe stream: `{ "$tidings": ..., cursor }`. */
export function resetFrame(reset: Reset): Record<string, string> {
  return { $tidings: 'reset', cursor: reset.cursor, reason: reset.reason };
}

export function positionFrame(position: string): Record<string, string> {
  return { $tidings: 'position', cursor: position };
}

/** The SSE events: the `id:` moves the client's last event id; the data repeats it, or the reason. */
export function sseReset(reset: Reset): string {
  return sseFrame({
    event: RESET_EVENT,
    id: reset.cursor,
    data: JSON.stringify({ reason: reset.reason }),
  });
}

export function ssePosition(position: string): string {
  return sseFrame({ event: POSITION_EVENT, id: position, data: position });
}
