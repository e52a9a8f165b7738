import type { MockMessage, ModerationData, NotificationData } from '../../shared/control';
import type { LogItem } from './MessageLog';

/** What a push story accumulates with `reduce`: every message counted, the last ones kept. */
export interface Feed {
  /** `notification` messages received (the unread count before "mark all read"). */
  notifications: number;
  /** The last {@link FEED_LIMIT} messages, oldest first. */
  items: LogItem[];
}

export const FEED_LIMIT = 50;

/** One line a reader understands, for the messages the mock server publishes. */
export function describe(message: MockMessage): string {
  if (message.type === 'notification') {
    const { title, body } = message.data as NotificationData;
    return `${title}: ${body}`;
  }
  if (message.type === 'moderation') {
    const { severity, reason, contentId } = message.data as ModerationData;
    return `[${severity}] ${reason} on ${contentId}`;
  }
  if (message.type === 'chat') {
    const { user, text } = message.data as { user?: string; text?: string };
    return `${user ?? '?'}: ${text ?? ''}`;
  }
  return `${message.type} ${JSON.stringify(message.data)}`;
}

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
  return (acc = { notifications: 0, items: [] }, message) => {
    const inner = unwrap(message);
    if (!inner) return acc;
    return {
      notifications: acc.notifications + (inner.type === 'notification' ? 1 : 0),
      items: [...acc.items, { id: inner.id, text: describe(inner) }].slice(-FEED_LIMIT),
    };
  };
}

/** `feed` for composables whose message is the mock-server message itself. */
export const feedOf = feed<MockMessage>((message) => message);
