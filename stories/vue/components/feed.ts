import type { MockMessage } from '../../common/control';
import { describeMessage, type LogLine } from '../../common/describe';

/** What a push story accumulates with `reduce`: every message counted, the last ones kept. */
export interface Feed {
  /** `notification` messages received (the unread count before "mark all read"). */
  notifications: number;
  /** The last {@link FEED_LIMIT} messages as log lines, oldest first. */
  lines: LogLine[];
  /** The same messages as they arrived (a story reads their data, say a severity). */
  messages: MockMessage[];
}

export const FEED_LIMIT = 50;

/**
 * A `reduce` for a composable whose messages carry a mock-server message: `unwrap` finds it (the
 * MQTT payload, the first Socket.IO argument); `undefined` skips a message.
 *
 * @example
 * useMqtt<MockMessage, Feed>(url, { topics: 'notifications/#', reduce: feed((m) => m.payload) });
 */
export function feed<TMessage>(
  unwrap: (message: TMessage) => MockMessage | undefined,
): (acc: Feed | undefined, message: TMessage) => Feed {
  return (acc = { notifications: 0, lines: [], messages: [] }, message) => {
    const inner = unwrap(message);
    if (!inner) return acc;
    return {
      notifications: acc.notifications + (inner.type === 'notification' ? 1 : 0),
      lines: [...acc.lines, describeMessage(inner)].slice(-FEED_LIMIT),
      messages: [...acc.messages, inner].slice(-FEED_LIMIT),
    };
  };
}

/** `feed` for composables whose message is the mock-server message itself. */
export const feedOf = feed<MockMessage>((message) => message);
