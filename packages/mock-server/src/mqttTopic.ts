import type { MockMessage } from './types';

/** Where a message goes when it names no topic: subscribe to `notifications/#` for all of them. */
export const topicOf = (message: MockMessage): string =>
  message.topic ?? `notifications/${message.type}`;

/** True when `topic` matches the subscription `filter` (`+` one level, `#` the rest), MQTT §4.7. */
export function topicMatches(filter: string, topic: string): boolean {
  // A leading wildcard never matches a `$` topic ($SYS/...).
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const filterLevels = filter.split('/');
  const topicLevels = topic.split('/');
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i];
    // `#` also matches the parent level itself: `a/#` matches `a`.
    if (level === '#') return true;
    if (i >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[i]) return false;
  }
  return filterLevels.length === topicLevels.length;
}
