import { createLongPoll, createSSE, createWebSocket, type SSEOptions } from '@tidings/core';
import { createSocketIO } from '@tidings/core/socket-io';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { EventSourcePolyfill } from 'event-source-polyfill';
import { WebSocket as NodeWebSocket } from 'ws';
import { fetchTransport } from '../../packages/core/src/transports/sse/polyfill';
import {
  common,
  describeNodeKill,
  type KillSubject,
  messageId,
  type Note,
  subject,
} from './nodeKillScenario';

// Every resumable transport a Node client speaks (the browser-only ones run in browser.test.ts).
// SSE also the way a browser app opens it: an EventSource class (the native code path:
// `?lastEventId=` on reconnect) and event-source-polyfill (the Last-Event-ID header). Node has no
// EventSource: the polyfill's class, streaming over core's fetch transport, stands in for the
// platform one, as in test/core/sseEventSource.integration.test.ts.

const FetchTransport = fetchTransport(fetch);

class PlatformLikeEventSource extends EventSourcePolyfill {
  constructor(url: string, init: EventSourceInit = {}) {
    super(url, { ...init, Transport: FetchTransport });
  }
}

const sse = (url: string, options: Pick<SSEOptions<Note>, 'transport' | 'env' | 'polyfill'>) =>
  subject((sink) =>
    createSSE<Note>(`${url}/api/sse`, {
      ...common(sink),
      ...options,
      events: ['notification'],
      onMessage: (note) => sink.ids.push(note.id),
    }),
  );

const TRANSPORTS: KillSubject[] = [
  [
    'SSE over fetch',
    'sse',
    (url) =>
      subject((sink) =>
        createSSE<Note>(`${url}/api/sse`, {
          ...common(sink),
          transport: 'fetch',
          events: ['notification'],
          onMessage: (note) => sink.ids.push(note.id),
        }),
      ),
  ],
  [
    'long poll',
    'longPoll',
    (url) =>
      subject((sink) =>
        createLongPoll<Note>(`${url}/api/long-poll`, {
          ...common(sink),
          messageId,
          onMessage: (note) => sink.ids.push(note.id),
        }),
      ),
  ],
  [
    'WebSocket',
    'ws',
    (url) =>
      subject((sink) =>
        createWebSocket<Note>(`${url.replace('http', 'ws')}/ws`, {
          ...common(sink),
          messageId,
          env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
          onMessage: (note) => sink.ids.push(note.id),
        }),
      ),
  ],
  [
    'Socket.IO',
    'socketio',
    (url) =>
      subject((sink) =>
        createSocketIO<Note>(url, {
          ...common(sink),
          messageId,
          // HTTP long-polling needs every request of a session on one node (sticky sessions); a
          // round-robin balancer sends each to the next node, so across nodes it is WebSocket.
          transports: ['websocket'],
          events: ['notification'],
          onMessage: ({ args: [note] }) => {
            if (note) sink.ids.push(note.id);
          },
        }),
      ),
  ],

  [
    'SSE, an EventSource class',
    'sse',
    (url) =>
      sse(url, {
        transport: 'native',
        env: { EventSource: PlatformLikeEventSource as unknown as typeof EventSource },
      }),
  ],
  [
    'SSE over event-source-polyfill',
    'sse',
    (url) => sse(url, { transport: 'polyfill', polyfill: eventSourcePolyfill }),
  ],
];

describeNodeKill(TRANSPORTS);
