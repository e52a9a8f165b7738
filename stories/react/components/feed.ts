import type { MockMessage } from '../../common/control';

/** What a badge story keeps of a stream: the recent messages and how many notifications came. */
export interface Feed {
  log: MockMessage[];
  notifications: number;
}

/**
 * A `reduce` that folds every message (whatever the transport wraps it in: MQTT's payload,
 * Socket.IO's first argument) into a {@link Feed}, so no message is lost when renders coalesce.
 */
export function feedReducer<TMessage>(unwrap: (message: TMessage) => MockMessage | undefined) {
  return (feed: Feed | undefined, message: TMessage): Feed => {
    const current = feed ?? { log: [], notifications: 0 };
    const mock = unwrap(message);
    if (!mock) return current;
    return {
      log: [...current.log, mock].slice(-50),
      notifications: current.notifications + (mock.type === 'notification' ? 1 : 0),
    };
  };
}

/** The message itself (SSE, WebSocket, long poll, iframe deliver the mock server's JSON as is). */
export const asIs = (message: MockMessage): MockMessage => message;
