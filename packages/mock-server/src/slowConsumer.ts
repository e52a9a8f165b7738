import type { ServerContext } from './context';

/**
 * Cuts a client that has stopped reading: when more than `maxBufferedBytes` already wait in its
 * socket, writing more would only grow this process (one tab left in a background window, or a
 * client that never reads, could otherwise take gigabytes). Returns true when it cut the client,
 * which then reconnects and resumes from its cursor like after any drop.
 */
export function cutIfSlow(ctx: ServerContext, buffered: number, cut: () => void): boolean {
  if (buffered <= ctx.limits.maxBufferedBytes) return false;
  ctx.stats.slowConsumerDropped();
  cut();
  return true;
}
