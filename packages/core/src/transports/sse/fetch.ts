import { TidingsError } from '../../errors';
import type { AttemptContext, Driver } from '../../wire';
import { asError, isAbort, request, resolveHeaders } from '../common/request';
import { applySseSignal } from '../common/resumeSignal';
import { startWatchdog } from '../common/watchdog';
import { idleTimeoutOf, type SSEConfig, sseFrame } from './config';
import { eventStream } from './eventStream';
import { requestBody, resumeRequest } from './request';
import { sseRefusal } from './response';

/** The escape hatch of a fetch SSE attempt: its request's controller, and the response once it came. */
export interface SSEFetchClient {
  /**
   * Do not abort it: tidings takes an abort for its own teardown, so the channel would wait with
   * no connection. Use the channel's `reconnect()` or `close()`.
   */
  controller: AbortController;
  /** The accepted response (status, headers); its body is being read by tidings. */
  response: Response | undefined;
}

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
      // From the request on: a connect or a response that hangs counts as silence too.
      const timeout = idleTimeoutOf(config, 'fetch');
      const watchdog =
        timeout === false
          ? undefined
          : startWatchdog(context.env, timeout, `The event stream ${config.url}`, (error) =>
              context.fail(error),
            );
      let response: Response | undefined;
      const onResponse = (answered: Response) => {
        response = answered;
      };
      readStream(config, context, controller.signal, () => watchdog?.alive(), onResponse).then(
        (ended) => {
          watchdog?.stop();
          if (ended) onEnd(context);
        },
        (error: unknown) => {
          watchdog?.stop();
          if (!controller.signal.aborted && !isAbort(error)) context.fail(asError(error));
        },
      );
      return {
        raw: (): SSEFetchClient => ({ controller, response }),
        close: () => {
          watchdog?.stop();
          controller.abort();
        },
      };
    },
  };
}

/** Reads one response to its end; resolves true when the server ended it, false when aborted. */
async function readStream(
  config: SSEConfig,
  context: AttemptContext,
  signal: AbortSignal,
  onBytes: () => void,
  onResponse: (response: Response) => void,
): Promise<boolean> {
  const { env } = context;
  const { body, contentType } = requestBody(config.body());
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (contentType) headers['Content-Type'] = contentType;
  Object.assign(headers, await resolveHeaders(config.headers));
  const resume = resumeRequest(config.url, context.cursor);
  if (resume.lastEventIdHeader !== undefined) headers['Last-Event-ID'] = resume.lastEventIdHeader;
  const response = await request(env, resume.url, {
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
  onResponse(response);
  context.opened();
  if (!response.body) return true;

  const wanted = new Set(config.events);
  // WHATWG: an empty `id:` resets the last event id, and then no cursor is sent on reconnect.
  const moveCursor = (lastEventId: string) =>
    context.setCursor(lastEventId === '' ? undefined : lastEventId);
  const stream = eventStream(context.cursor ?? '', {
    onEvent({ type, data, lastEventId, ownId }) {
      const id = ownId && lastEventId !== '' ? lastEventId : undefined;
      // The resume protocol's own events move the cursor (or reset it); never the app's.
      if (applySseSignal(type, id, data, context)) return;
      if (!wanted.has(type)) {
        // The last event id belongs to the stream: an event of another type still moves it.
        if (ownId) moveCursor(lastEventId);
        return;
      }
      if (ownId && lastEventId === '') moveCursor(lastEventId);
      context.frame(sseFrame({ type, data, id, lastEventId }, config, context));
    },
    onLastEventId: moveCursor,
    onRetry: (ms) => context.setBaseDelay(ms),
  });
  // `stream: true` keeps a multi-byte character (or the BOM) split across chunks intact.
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) return false;
      if (done) break;
      // Any bytes are a sign of life, comments (`: ping`) included.
      onBytes();
      const text = decoder.decode(value, { stream: true });
      if (text !== '') stream.feed(text);
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
  if (tail !== '') stream.feed(tail);
  return true;
}
