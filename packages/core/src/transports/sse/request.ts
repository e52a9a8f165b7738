import { withQuery } from '../common/withQuery';
import type { SSEBody } from './options';

/** Headers and body of a request: a plain object or array body is sent as JSON. */
export function requestBody(body: SSEBody | undefined): {
  body: BodyInit | undefined;
  contentType: string | undefined;
} {
  if (body === undefined || body === null) return { body: undefined, contentType: undefined };
  const proto: unknown = typeof body === 'object' ? Object.getPrototypeOf(body) : undefined;
  if (Array.isArray(body) || proto === Object.prototype || proto === null) {
    return { body: JSON.stringify(body), contentType: 'application/json' };
  }
  return { body: body as BodyInit, contentType: undefined };
}

/**
 * How the resume cursor travels on a request that can set headers (fetch, polyfill). A header
 * value is bytes, and an id is any text: `Last-Event-ID` carries it only when it is printable
 * ASCII without surrounding spaces (which header normalisation would strip), so every client and
 * server reads the same bytes. Any other id (non-ASCII, say) goes percent-encoded as UTF-8 in the
 * `?lastEventId=` query parameter, the one the native transport always uses, so a server that
 * supports native EventSource already reads it. No cursor: neither is sent.
 */
export function resumeRequest(
  url: string,
  cursor: string | undefined,
): { url: string; lastEventIdHeader: string | undefined } {
  if (cursor === undefined || cursor === '') return { url, lastEventIdHeader: undefined };
  if (isHeaderSafe(cursor)) return { url, lastEventIdHeader: cursor };
  return { url: withQuery(url, { lastEventId: cursor }), lastEventIdHeader: undefined };
}

function isHeaderSafe(value: string): boolean {
  if (value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32) {
    return false;
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}
