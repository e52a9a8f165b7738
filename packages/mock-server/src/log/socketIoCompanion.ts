import { wireMessage } from '../log';
import type { MockMessage } from '../types';
import type { CompanionStream } from './redisLog';

/** The sender of the log's entries: no Socket.IO server, so no adapter counts it as one. */
export const LOG_UID = 'tidings-log';

/**
 * Each log message as a broadcast entry of `@socket.io/redis-streams-adapter`'s stream, in its own
 * format (`uid`, `nsp`, `type` 3 = BROADCAST, `data` = JSON `{ packet, opts }`): every node's
 * adapter reads it and emits it to its sockets with the entry id as the recovery offset, and a
 * session restored on any node is sent what it missed from the same stream. Written by the log's
 * append script, so the adapter's stream holds the log's messages in the log's order.
 */
export function socketIoCompanion(
  prefix: string,
  eventOf: (message: Omit<MockMessage, 'id'>) => string,
): CompanionStream {
  return {
    key: `${prefix}:socket.io`,
    maxLen: 10_000,
    fields(message) {
      // The id is only known inside the script: the parts are joined by it there. The rest is
      // the message as every other way out shows it (`wireMessage`), so a restored session gets
      // the same shape as a live one.
      const { id: _known, ...rest } = wireMessage({ ...message, id: '' });
      const payload: string[] =
        message.raw !== undefined
          ? [JSON.stringify(message.raw)]
          : ['{"id":"', `",${JSON.stringify(rest).slice(1)}`];
      const head = `{"packet":{"type":2,"data":[${JSON.stringify(eventOf(message))},`;
      const tail = '],"nsp":"/"},"opts":{"rooms":[],"except":[],"flags":{}}}';
      const data = [...payload];
      data[0] = head + data[0];
      data[data.length - 1] += tail;
      return [
        ['uid', [LOG_UID]],
        ['nsp', ['/']],
        ['type', ['3']],
        ['data', data],
      ];
    },
  };
}
