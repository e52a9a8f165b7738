import { createSSE, type SSEOptions } from '@tidings/core';
import { EventSourcePolyfill } from 'event-source-polyfill';
import { fetchTransport } from '../../packages/core/src/transports/sse/polyfill';
import { common, describeNodeKill, type Note, subject } from './nodeKillScenario';

// SSE the way a browser app opens it, across a node kill: an EventSource class (the native code
// path: `?lastEventId=` on reconnect) and event-source-polyfill (the Last-Event-ID header). Node
// has no EventSource: the polyfill's class, streaming over core's fetch transport, stands in for
// the platform one, as in test/core/sseEventSource.integration.test.ts.

const FetchTransport = fetchTransport(fetch);

class PlatformLikeEventSource extends EventSourcePolyfill {
  constructor(url: string, init: EventSourceInit = {}) {
    super(url, { ...init, Transport: FetchTransport });
  }
}

const sse = (url: string, options: Pick<SSEOptions<Note>, 'transport' | 'env'>) =>
  subject((sink) =>
    createSSE<Note>(`${url}/api/sse`, {
      ...common(sink),
      ...options,
      events: ['notification'],
      onMessage: (note) => sink.ids.push(note.id),
    }),
  );

describeNodeKill([
  [
    'SSE, an EventSource class',
    'sse',
    (url) =>
      sse(url, {
        transport: 'native',
        env: { EventSource: PlatformLikeEventSource as unknown as typeof EventSource },
      }),
  ],
  ['SSE over event-source-polyfill', 'sse', (url) => sse(url, { transport: 'polyfill' })],
]);
