import { TidingsError } from '../../errors';

/** Statuses that say "asking again will not help": no transport retries them by default. */
const NOT_RETRIED = new Set([400, 401, 403, 404, 405, 410, 422]);
/** Statuses whose `Retry-After` is honoured. */
const HONOURS_RETRY_AFTER = new Set([429, 503]);

/** `Retry-After` is either delta-seconds or an HTTP date; returns ms to wait, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Turns a failed HTTP response into the error the reconnect logic understands. */
export function httpError(
  status: number,
  url: string,
  retryAfterHeader: string | null | undefined,
  now: number,
): TidingsError {
  const auth = status === 401 || status === 403;
  return new TidingsError(auth ? 'auth' : 'http', `HTTP ${status} from ${url}`, {
    status,
    retryable: !NOT_RETRIED.has(status),
    retryAfterMs: HONOURS_RETRY_AFTER.has(status)
      ? parseRetryAfter(retryAfterHeader, now)
      : undefined,
  });
}
