import { messageOf, TidingsError } from './errors';

/**
 * Calls an app callback (`onMessage`, `reduce`, `shouldReconnect`, `messageId`, ...). A throw must
 * not break delivery to the other consumers or leave a wire half-done, so it is never rethrown: it
 * becomes a `config` error named after the callback, handed to `report`, and `fallback` is
 * returned in place of the callback's value.
 */
export function callApp<T>(
  name: string,
  fn: () => T,
  report: (error: TidingsError) => void,
  fallback: T,
): T {
  try {
    return fn();
  } catch (cause) {
    report(new TidingsError('config', `${name} threw: ${messageOf(cause)}`, { cause }));
    return fallback;
  }
}
