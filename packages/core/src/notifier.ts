import type { TidingsEnv } from './env';

/** When subscribers hear about state changes. `reduce` and `onMessage` always see every message. */
export type NotifyMode = 'frame' | 'microtask' | 'sync';

/**
 * Coalesces many `schedule()` calls into one `flush` per animation frame (or microtask), so a burst
 * of 1,000 messages costs one render. Without `requestAnimationFrame` (Node, SSR) frame mode falls
 * back to a microtask. In a hidden tab, which runs no animation frames, frame mode batches with a
 * zero-delay timer (`env.setTimeout`) instead: a socket hands over one message per task, so a
 * microtask there would flush once per message, while a timer collects every message that arrived
 * before it fires (browsers also throttle hidden-tab timers, which only widens the batch).
 *
 * `mode` is read on every schedule, so a consumer's `setOptions({ notify })` takes effect at once.
 *
 * @example
 * const notifier = createNotifier(() => 'frame', env, () => listeners.forEach((fn) => fn()));
 * notifier.schedule();
 * notifier.schedule(); // same frame: still one flush
 */
export function createNotifier(mode: () => NotifyMode, env: TidingsEnv, flush: () => void) {
  // A flush is owed. Each way of waking up is armed at most once; whichever fires first flushes,
  // the others find nothing owed. A frame armed while visible may never fire once the tab is
  // hidden, so hiding arms the timer as well rather than waiting on that frame.
  let pending = false;
  let frameArmed = false;
  let timerArmed = false;
  let microtaskArmed = false;
  const run = () => {
    if (!pending) return;
    pending = false;
    flush();
  };
  return {
    schedule(): void {
      const current = mode();
      if (current === 'sync') {
        pending = false;
        flush();
        return;
      }
      pending = true;
      const hidden = env.document?.hidden === true;
      if (current === 'frame' && hidden) {
        if (timerArmed) return;
        timerArmed = true;
        env.setTimeout(() => {
          timerArmed = false;
          run();
        }, 0);
      } else if (current === 'frame' && env.requestAnimationFrame) {
        if (frameArmed) return;
        frameArmed = true;
        env.requestAnimationFrame(() => {
          frameArmed = false;
          run();
        });
      } else {
        if (microtaskArmed) return;
        microtaskArmed = true;
        env.queueMicrotask(() => {
          microtaskArmed = false;
          run();
        });
      }
    },
  };
}
