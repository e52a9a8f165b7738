import type { TidingsEnv } from '../../env';
import { TidingsError } from '../../errors';

/** Expects a sign of life every `timeout` ms while watching; see `startWatchdog`. */
export interface Watchdog {
  /** A sign of life: a fresh `timeout` countdown starts (watching again if it was stopped). */
  alive(): void;
  /** Nothing is expected for now (between long-poll requests, at teardown); `alive()` resumes. */
  stop(): void;
}

/**
 * The one liveness rule every transport uses: expect a sign of life every `timeout` ms, else call
 * `onSilent` once with a `timeout` error naming `what`. A dead path (a black-holed connection: no
 * FIN, no RST) looks exactly like a quiet one to the platform, so silence is the only signal.
 * It watches from the start; each `alive()` restarts the countdown. Timers come from `env`, so
 * tests drive them with fake timers.
 *
 * @example
 * const watchdog = startWatchdog(env, 45_000, 'The stream /api/sse', (error) => context.fail(error));
 * socket.on('data', () => watchdog.alive());
 */
export function startWatchdog(
  env: TidingsEnv,
  timeout: number,
  what: string,
  onSilent: (error: TidingsError) => void,
): Watchdog {
  let timer: unknown;
  const stop = () => {
    if (timer !== undefined) env.clearTimeout(timer);
    timer = undefined;
  };
  const alive = () => {
    stop();
    timer = env.setTimeout(() => {
      timer = undefined;
      onSilent(new TidingsError('timeout', `${what} showed no sign of life for ${timeout} ms`));
    }, timeout);
  };
  alive();
  return { alive, stop };
}
