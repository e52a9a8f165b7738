/** Reconnect schedule: full-jitter exponential backoff. Every field is optional. */
export interface ReconnectOptions {
  /** Attempts after a failure before giving up. @default Infinity */
  retries?: number;
  /** Base delay in ms (the SSE server's `retry:` replaces it). @default 1000 */
  minDelay?: number;
  /** Upper bound of any delay in ms. @default 30000 */
  maxDelay?: number;
  /** Growth per attempt. @default 2 */
  factor?: number;
}

export type ResolvedReconnect = Required<ReconnectOptions>;

export function resolveReconnect(
  options: ReconnectOptions | boolean | undefined,
): ResolvedReconnect | false {
  if (options === false) return false;
  const given = options === true || options === undefined ? {} : options;
  return {
    retries: given.retries ?? Number.POSITIVE_INFINITY,
    minDelay: given.minDelay ?? 1000,
    maxDelay: given.maxDelay ?? 30_000,
    factor: given.factor ?? 2,
  };
}

/**
 * "Full jitter": a uniform delay in [0, min(maxDelay, minDelay * factor^attempt)). Spreads a crowd
 * of clients that lost the same server, instead of having them return in lockstep.
 * `attempt` counts from 0 for the first retry.
 */
export function backoff(attempt: number, options: ResolvedReconnect, random: () => number): number {
  const ceiling = Math.min(options.maxDelay, options.minDelay * options.factor ** attempt);
  return Math.floor(random() * ceiling);
}
