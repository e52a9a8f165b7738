import { type AttemptContext, type Driver, Wire } from '../../packages/core/src/wire';

/** A driver the test steers by hand: it records each attempt and exposes its context. */
export function manualDriver() {
  const attempts: Array<{ context: AttemptContext; closed: boolean }> = [];
  const driver: Driver = {
    start(context) {
      const attempt = { context, closed: false };
      attempts.push(attempt);
      return {
        close() {
          attempt.closed = true;
        },
      };
    },
  };
  return {
    driver,
    attempts,
    get current() {
      const last = attempts.at(-1);
      if (!last) throw new Error('no attempt started');
      return last.context;
    },
  };
}

export { Wire };
