import type { Status } from '@tidings/core';
import { computed } from 'vue';
import type { LiveState } from './LiveStory';

/**
 * One status for several connections (the chat participants): `open` only when every one is,
 * else the first one that is not; the highest attempt; messages received by all; the cursor of
 * the one furthest behind; the first error.
 */
export function combine(states: readonly LiveState[]): LiveState {
  const behind = (a: string | undefined, b: string | undefined) =>
    a === undefined || b === undefined ? undefined : Number(a) <= Number(b) ? a : b;
  return {
    status: computed<Status>(
      () => states.find((s) => s.status.value !== 'open')?.status.value ?? 'open',
    ),
    attempt: computed(() => Math.max(0, ...states.map((s) => s.attempt.value))),
    received: computed(() => states.reduce((sum, s) => sum + s.received.value, 0)),
    cursor: computed(() =>
      states.map((s) => s.cursor.value).reduce(behind, states[0]?.cursor.value),
    ),
    error: computed(() => states.find((s) => s.error.value)?.error.value ?? null),
  };
}
