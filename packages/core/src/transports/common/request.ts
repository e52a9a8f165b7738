import type { TidingsEnv } from '../../env';
import { configError, messageOf, TidingsError, toTidingsError } from '../../errors';
import { httpError } from './httpStatus';

/**
 * Request headers, or a function called on every attempt (never cached across attempts) so a
 * refreshed token is used. It may be async: the attempt waits for it.
 */
export type HeadersInput =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/**
 * The headers of this attempt. A getter that throws or rejects fails the attempt with an `auth`
 * error (retried with backoff: a token endpoint that is down may come back) naming the getter.
 */
export async function resolveHeaders(
  headers: HeadersInput | undefined,
): Promise<Record<string, string>> {
  return typeof headers === 'function' ? await credentialsOf('headers', headers) : (headers ?? {});
}

/**
 * Calls an app's credentials getter (`headers`, `url`, `auth`) for one attempt; a throw or a
 * rejection becomes a clear, retryable `auth` error (retried with backoff; `onAuthError`, which
 * answers a server's refusal, is not consulted for it).
 */
export async function credentialsOf<T>(name: string, getter: () => T | Promise<T>): Promise<T> {
  try {
    return await getter();
  } catch (cause) {
    throw new TidingsError('auth', `The ${name} getter failed: ${messageOf(cause)}`, {
      cause,
      retryable: true,
    });
  }
}

/** fetch that turns every failure into a TidingsError the reconnect logic understands. */
export async function request(env: TidingsEnv, url: string, init: RequestInit): Promise<Response> {
  if (!env.fetch) throw configError('fetch is not available: pass env.fetch');
  let response: Response;
  try {
    response = await env.fetch(url, init);
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new TidingsError('network', `Request to ${url} failed: ${messageOf(cause)}`, { cause });
  }
  if (!response.ok) {
    // Drain the body so the connection can be reused; its content is not needed.
    response.body?.cancel().catch(() => undefined);
    throw httpError(response.status, url, response.headers.get('Retry-After'), env.now());
  }
  return response;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function asError(error: unknown): TidingsError {
  return toTidingsError(error, 'network');
}
