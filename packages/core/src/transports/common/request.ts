import type { TidingsEnv } from '../../env';
import { configError, messageOf, TidingsError, toTidingsError } from '../../errors';
import { httpError } from './httpStatus';

/** Request headers, or a function called on every (re)connect so a refreshed token is used. */
export type HeadersInput = Record<string, string> | (() => Record<string, string>);

export function resolveHeaders(headers: HeadersInput | undefined): Record<string, string> {
  return typeof headers === 'function' ? headers() : (headers ?? {});
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
