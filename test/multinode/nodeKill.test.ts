import { createLongPoll, createSSE, createWebSocket, type SSEOptions } from '@tidings/core';
import { createMqtt, type MqttModuleLike } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { EventSourcePolyfill } from 'event-source-polyfill';
import * as mqtt from 'mqtt';
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

/**
 * A kept MQTT session (client id, `clean: false`, QoS 1) that reconnects to another node: the
 * server replays what it missed from its position kept in Redis. mqtt.js keeps one client across
 * reconnects, so its `message` events count every delivery, duplicates included.
 */
const mqttSession = (url: string) => {
  const wireIds: string[] = [];
  const module: MqttModuleLike = {
    connect(brokerUrl, options) {
      const client = mqtt.connect(brokerUrl, options);
      client.on('message', (_topic, payload) => {
        const id = messageId(JSON.parse(payload.toString()));
        if (id !== undefined) wireIds.push(id);
      });
      return client as never;
    },
  };
  const opened = subject((sink) =>
    createMqtt<Note>(`${url.replace('http', 'ws')}/mqtt`, {
      ...common(sink),
      topics: 'notifications/notification',
      clientId: `node-kill-${Math.random().toString(36).slice(2)}`,
      clean: false,
      qos: 1,
      messageId,
      mqtt: module,
      onMessage: ({ payload }) => sink.ids.push(payload.id),
    }),
  );
  return Object.assign(opened, { cursorOnOpen: false as const, wireIds });
};

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

  ['MQTT, a kept session', 'mqtt', mqttSession],
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
