import { createLongPoll, createSocketIO, createSSE, createWebSocket } from '@tidings/core';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  common,
  describeNodeKill,
  type KillSubject,
  messageId,
  type Note,
  subject,
} from './nodeKillScenario';

// The transports a Node client speaks; the browser-only ones run in sseEventSource.test.ts.

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
];

describeNodeKill(TRANSPORTS);
