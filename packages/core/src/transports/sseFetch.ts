import { createParser } from 'eventsource-parser';
import { TidingsError } from '../errors';
import { asError, isAbort, request, resolveHeaders } from '../request';
import { applySseSignal } from '../resumeSignal';
import type { AttemptContext, Driver } from '../wire';
import { requestBody, type SSEConfig, sseFrame, sseRefusal } from './sseConfig';

/**
 * SSE over fetch + `eventsource-parser`: any method, body and headers, and the server's `retry:`
 * reaches the backoff. `onEnd` decides what the response ending means: a subscription treats it as
 * a dropped connection (EventSource semantics), a request-scoped stream as the answer being done.
 */
export function sseFetchDriver(
  config: SSEConfig,
  onEnd: (context: AttemptContext) => void,
): Driver {
  return {
    start(context) {
      const controller = new AbortController();
      readStream(config, context, controller.signal).then(
        (ended) => {
          if (ended) onEnd(context);
        },
        (error: unknown) => {
          if (!controller.signal.aborted && !isAbort(error)) context.fail(asError(error));
        },
      );
      return () => controller.abort();
    },
  };
}

/** Reads one response to its end; resolves true when the server ended it, false when aborted. */
async function readStream(
  config: SSEConfig,
  context: AttemptContext,
  signal: AbortSignal,
): Promise<boolean> {
  const { env } = context;
  const { body, contentType } = requestBody(config.body());
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (contentType) headers['Content-Type'] = contentType;
  Object.assign(headers, resolveHeaders(config.headers));
  if (context.cursor !== undefined) headers['Last-Event-ID'] = context.cursor;
  const response = await request(env, config.url, {
    method: config.method,
    headers,
    body,
    credentials: config.withCredentials ? 'include' : 'same-origin',
    cache: 'no-store',
    signal,
  });
  const refused = sseRefusal(config.url, response.status, response.headers, env.now());
  if (refused) {
    response.body?.cancel().catch(() => undefined);
    throw refused;
  }
  context.opened();
  if (!response.body) return true;

  const wanted = new Set(config.events);
  // WHATWG: the last event id persists across events until the server sets another.
  let lastEventId = context.cursor ?? '';
  const parser = createParser({
    onEvent(event) {
      if (event.id !== undefined) lastEventId = event.id;
      const type = event.event ?? 'message';
      if (applySseSignal(type, event.id, event.data, context)) return;
      if (!wanted.has(type)) return;
      const id = event.id === undefined || event.id === '' ? undefined : event.id;
      context.frame(sseFrame({ type, data: event.data, id, lastEventId }, config, context));
    },
    onRetry: (ms) => context.setBaseDelay(ms),
    // Unknown fields and a non-numeric `retry:` are ignored, as the WHATWG rules say; they are
    // not the app's problem, so they do not land in `state.error`.
    onError: () => undefined,
  });
  // `stream: true` keeps a multi-byte character (or the BOM) split across chunks intact.
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) return false;
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      if (text !== '') parser.feed(text);
    }
  } catch (error) {
    if (signal.aborted || isAbort(error)) return false;
    throw new TidingsError('network', `Stream from ${config.url} broke: ${String(error)}`, {
      cause: error,
    });
  } finally {
    reader.releaseLock();
  }
  const tail = decoder.decode();
  if (tail !== '') parser.feed(tail);
  return true;
}
