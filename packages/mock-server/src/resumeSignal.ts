import type { Resume } from './log';
import { sseFrame } from './sseFrame';

// The tidings resume protocol as this server speaks it: every open states the server's position
// once any replay is sent, and a cursor the log does not hold is answered with a reset instead.

/** SSE event and Socket.IO event names of the two signals; clients never deliver them to apps. */
export const POSITION_EVENT = 'tidings:position';
export const RESET_EVENT = 'tidings:reset';

/** The JSON control frame of WebSocket and the iframe stream: `{ "$tidings": ..., cursor }`. */
export function controlFrame(resume: Resume): Record<string, string> {
  return resume.ok
    ? { $tidings: 'position', cursor: resume.position }
    : { $tidings: 'reset', cursor: resume.position, reason: resume.reason };
}

/** The SSE event: the `id:` moves the client's last event id, the data repeats it (or the reason). */
export function sseSignal(resume: Resume): string {
  return resume.ok
    ? sseFrame({ event: POSITION_EVENT, id: resume.position, data: resume.position })
    : sseFrame({
        event: RESET_EVENT,
        id: resume.position,
        data: JSON.stringify({ reason: resume.reason }),
      });
}
