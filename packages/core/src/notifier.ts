import type { TidingsEnv } from './env';

/** When subscribers hear about state changes. `reduce` and `onMessage` always see every message. */
export type NotifyMode = 'frame' | 'microtask' | 'sync';

/**
 * Coalesces many `schedule()` calls into one `flush` per animation frame (or microtask), so a burst
 * of 1,000 messages costs one render. Without `requestAnimationFrame` (Node, SSR) frame mode falls
 * back to a microtask.
 */
export function createNotifier(mode: NotifyMode, env: TidingsEnv, flush: () => void) {
  let pending = false;
  const run = () => {
    pending = false;
    flush();
  };
  return {
    schedule(): void {
      if (mode === 'sync') {
        flush();
        return;
      }
      if (pending) return;
      pending = true;
      if (mode === 'frame' && env.requestAnimationFrame) env.requestAnimationFrame(run);
      else env.queueMicrotask(run);
    },
  };
}
