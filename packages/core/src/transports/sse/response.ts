import { TidingsError } from '../../errors';
import { httpError } from '../common/httpStatus';

/**
 * Why a response cannot be an event stream, or undefined when it is one. HTTP errors follow the
 * shared rules (401 not retried, 503 honours Retry-After); 204 and a wrong Content-Type are the
 * server's way to say "stop" (WHATWG: the user agent fails the connection), so they are not retried.
 */
export function sseRefusal(
  url: string,
  status: number,
  headers: { get(name: string): string | null } | undefined,
  now: number,
): TidingsError | undefined {
  if (status < 200 || status > 299) return httpError(status, url, headers?.get('Retry-After'), now);
  if (status === 204) {
    return new TidingsError('http', `HTTP 204 from ${url}: the server asked not to reconnect`, {
      status,
      retryable: false,
    });
  }
  const type = headers?.get('Content-Type') ?? '';
  if (type.split(';')[0]?.trim().toLowerCase() !== 'text/event-stream') {
    return new TidingsError(
      'protocol',
      `${url} answered with Content-Type "${type}", not text/event-stream`,
      { status, retryable: false },
    );
  }
  return undefined;
}
