// @vitest-environment jsdom
import { EventSourcePolyfill } from 'event-source-polyfill';
import { describeSubscription } from './sseScenarios';

type OnStart = (status: number, text: string, type: string | null, headers: Headers) => void;

/**
 * The polyfill's pluggable transport, over fetch. Its built-in fetch transport (1.0.31) leaves an
 * unhandled rejection when closed after a broken stream, and jsdom's XMLHttpRequest never reports
 * a connection the server cut, so neither can stand in for a browser's EventSource here.
 */
class FetchTransport {
  open(
    _xhr: unknown,
    onStart: OnStart,
    onProgress: (text: string) => void,
    onFinish: (error?: unknown) => void,
    url: string,
    _withCredentials: boolean,
    headers: Record<string, string>,
  ) {
    const controller = new AbortController();
    const run = async () => {
      const response = await fetch(url, { headers, signal: controller.signal });
      onStart(
        response.status,
        response.statusText,
        response.headers.get('Content-Type'),
        response.headers,
      );
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        onProgress(decoder.decode(chunk.value, { stream: true }));
      }
    };
    run().then(
      () => onFinish(),
      (error: unknown) => onFinish(controller.signal.aborted ? undefined : error),
    );
    return { abort: () => controller.abort() };
  }
}

/**
 * jsdom has no EventSource. The polyfill's class reports like the platform one (readyState CLOSED
 * when it refuses a response, CONNECTING when it would retry by itself), so injected as
 * env.EventSource it drives the native code path: ?lastEventId= resume, close on error, probe GET.
 */
class PlatformLikeEventSource extends EventSourcePolyfill {
  constructor(url: string, init: EventSourceInit = {}) {
    super(url, { ...init, Transport: FetchTransport });
  }
}

describeSubscription(
  'native (an EventSource class injected)',
  {
    transport: 'native',
    env: { EventSource: PlatformLikeEventSource as unknown as typeof EventSource },
  },
  1,
);

// The polyfill transport: a dynamic import, resumes with the Last-Event-ID header.
describeSubscription('over event-source-polyfill', { transport: 'polyfill' });
