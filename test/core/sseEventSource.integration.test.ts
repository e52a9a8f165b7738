// @vitest-environment jsdom
import { createHub, createSSE, type SSEOptions, type TidingsError } from '@tidings/core';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { EventSourcePolyfill } from 'event-source-polyfill';
import { fetchTransport } from '../../packages/core/src/transports/sse/polyfill';
import { describeResume } from './resumeScenarios';
import { describeSubscription } from './sseScenarios';

/**
 * The polyfill's own fetch transport (1.0.31) leaves an unhandled rejection when closed after a
 * broken stream, and jsdom's XMLHttpRequest never reports a connection the server cut, so the
 * platform-like EventSource below streams through core's fetch transport for the polyfill.
 */
const FetchTransport = fetchTransport(fetch);

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
describeSubscription('over event-source-polyfill', {
  transport: 'polyfill',
  polyfill: eventSourcePolyfill,
});

type Note = { id: string };

/** An SSE channel over `transport` for the resume scenarios: the protocol `id:` is the cursor. */
function sseSubject(
  url: string,
  options: Pick<SSEOptions<Note>, 'transport' | 'env' | 'polyfill'>,
) {
  const ids: string[] = [];
  const errors: TidingsError[] = [];
  const channel = createSSE<Note>(`${url}/api/sse`, {
    ...options,
    hub: createHub(),
    notify: 'sync',
    events: ['notification'],
    reconnect: { minDelay: 10, maxDelay: 50 },
    onMessage: (note) => ids.push(note.id),
    onError: (error) => errors.push(error),
  });
  channel.connect();
  return { channel, ids, errors };
}

describeResume('SSE native (an EventSource class injected)', (url) =>
  sseSubject(url, {
    transport: 'native',
    env: { EventSource: PlatformLikeEventSource as unknown as typeof EventSource },
  }),
);

describeResume('SSE over event-source-polyfill', (url) =>
  sseSubject(url, { transport: 'polyfill', polyfill: eventSourcePolyfill }),
);
