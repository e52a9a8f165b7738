import { TidingsError } from '../../errors';

/** Close codes that say "coming back will not help": policy violation and the 44xx auth pair. */
const AUTH_CODES = new Set([4401, 4403]);
const POLICY_VIOLATION = 1008;

/**
 * Classifies a close the client did not ask for. `status` carries the close code, so apps can
 * branch on it as they would on an HTTP status. 1008, 4401 and 4403 are not retried (4401/4403 are
 * `auth`); every other code (1000 from a restarting server, 1006 from a cut network, ...) retries.
 */
export function closeError(code: number, reason: string, url: string): TidingsError {
  const message = `WebSocket ${url} closed with code ${code}${reason ? ` (${reason})` : ''}`;
  if (AUTH_CODES.has(code)) {
    return new TidingsError('auth', message, { status: code, retryable: false });
  }
  if (code === POLICY_VIOLATION) {
    return new TidingsError('protocol', message, { status: code, retryable: false });
  }
  return new TidingsError('network', message, { status: code, retryable: true });
}
