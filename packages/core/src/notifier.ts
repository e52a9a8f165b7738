import type { TidingsEnv } from './env';

/** When subscribers hear about state changes. `reduce` and `onMessage` always see every message. */
export type NotifyMode = 'frame' | 'microtask' | 'sync';

/**
 * Coalesces many `schedule()` calls into one `flush` per animation frame (or microtask), so a burst
 * of 1,000 messages costs one render. Without `requestAnimationFrame` (Node, SSR) frame mode falls
 * back to a microtask.
 *
 * `mode` is read on every schedule, so a consumer's `setOptions({ notify })` takes effect at once.
 *
 * @example
 * const notifier = createNotifier(() => 'frame', env, () => listeners.forEach((fn) => fn()));
 * notifier.schedule();
 * notifier.schedule(); // same frame: still one flush
 */
export function createNotifier(mode: () => NotifyMode, env: TidingsEnv, flush: () => void) {
  let pending = false;
  const run = () => {
    pending = false;
    flush();
  };
  return {
    schedule(): void {
      const current = mode();
      if (current === 'sync') {
        flush();
        return;
      }
      if (pending) return;
      pending = true;
      // Hidden tabs run no animation frames: subscribers (a document.title badge) still hear.
      if (current === 'frame' && env.requestAnimationFrame && !env.document?.hidden) {
        env.requestAnimationFrame(run);
      } else env.queueMicrotask(run);
    },
  };
}
