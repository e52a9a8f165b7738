import {
  type Channel,
  type ChannelOptions,
  createLongPoll,
  createSSE,
  createWebSocket,
  type Hub,
  type TidingsError,
} from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { WebSocket as NodeWebSocket } from 'ws';

/** A mock-server message as every transport carries it. */
interface ChaosMessage {
  id: string;
  type: string;
  data: { n: number };
}

/** Every subject hears the same event type, so the mock server's demo traffic never counts. */
export const CHAOS_TYPE = 'chaos';

/** Fast, still jittered reconnects: a chaos run is about correctness, not about waiting. */
const reconnect = { minDelay: 10, maxDelay: 200 };

export interface SubjectHandlers {
  onReceive(n: number): void;
  onError(error: TidingsError): void;
}

/** One transport as the chaos suite drives it: how to open a consumer on a mock server. */
export interface ChaosSubject {
  name: string;
  /**
   * Whether a restarted server (its log lost) can be resumed from: true where the client resumes
   * from a server-side log through a cursor. MQTT resumes through the broker's session, which dies
   * with the broker's process.
   */
  survivesRestart: boolean;
  /**
   * Whether the transport keeps the server's order across resumes. MQTT is the stated exception:
   * aedes (the mock server's broker) lets live messages overtake a resumed session's queue.
   */
  keepsOrder: boolean;
  /** `runId` names what must be the same for consumers of one run (an MQTT client id). */
  open(
    url: string,
    hub: Hub,
    handlers: SubjectHandlers,
    runId: string,
    /** Options added to the subject's own (a page's `env`, `crossTab`). */
    extra?: ChannelOptions<unknown>,
  ): Channel<unknown, unknown>;
}

const sequenceOf = (message: ChaosMessage) => message.data.n;
const messageId = (message: unknown) => (message as ChaosMessage).id;

/** SSE over one client: the protocol's `id:` is the delivery id, so no `messageId`. */
function sseSubject(name: string, transport: 'fetch' | 'polyfill'): ChaosSubject {
  return {
    name,
    survivesRestart: true,
    keepsOrder: true,
    open: (url, hub, { onReceive, onError }, _runId, extra) =>
      createSSE<ChaosMessage>(`${url}/api/sse`, {
        ...(extra as object),
        hub,
        reconnect,
        transport,
        polyfill: eventSourcePolyfill,
        events: [CHAOS_TYPE],
        notify: 'sync',
        onMessage: (m) => onReceive(sequenceOf(m)),
        onError,
      }) as Channel<unknown, unknown>,
  };
}

export const subjects: ChaosSubject[] = [
  {
    name: 'long poll',
    survivesRestart: true,
    keepsOrder: true,
    open: (url, hub, { onReceive, onError }, _runId, extra) =>
      createLongPoll<ChaosMessage>(`${url}/api/long-poll`, {
        ...(extra as object),
        hub,
        reconnect,
        messageId,
        notify: 'sync',
        onMessage: (m) => {
          if (m.type === CHAOS_TYPE) onReceive(sequenceOf(m));
        },
        onError,
      }) as Channel<unknown, unknown>,
  },
  sseSubject('SSE (fetch)', 'fetch'),
  sseSubject('SSE (event-source-polyfill)', 'polyfill'),
  {
    name: 'WebSocket',
    survivesRestart: true,
    keepsOrder: true,
    open: (url, hub, { onReceive, onError }, _runId, extra) =>
      createWebSocket<ChaosMessage>(`${url.replace(/^http/, 'ws')}/ws`, {
        ...(extra as object),
        hub,
        reconnect,
        messageId,
        notify: 'sync',
        env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket, ...extra?.env },
        onMessage: (m) => {
          if (m.type === CHAOS_TYPE) onReceive(sequenceOf(m));
        },
        onError,
      }) as Channel<unknown, unknown>,
  },
  {
    name: 'Socket.IO',
    survivesRestart: true,
    keepsOrder: true,
    open: (url, hub, { onReceive, onError }, _runId, extra) =>
      createSocketIO<ChaosMessage>(url, {
        ...(extra as object),
        hub,
        reconnect,
        events: [CHAOS_TYPE],
        messageId: (message: unknown) => messageId(message),
        notify: 'sync',
        onMessage: ({ args }) => onReceive(sequenceOf(args[0] as ChaosMessage)),
        onError,
      }) as Channel<unknown, unknown>,
  },
  {
    name: 'MQTT (kept session, QoS 1)',
    survivesRestart: false,
    keepsOrder: false,
    open: (url, hub, { onReceive, onError }, runId, extra) =>
      createMqtt<ChaosMessage>(`${url.replace(/^http/, 'ws')}/mqtt`, {
        ...(extra as object),
        hub,
        reconnect,
        topics: `notifications/${CHAOS_TYPE}`,
        qos: 1,
        clientId: `chaos-${runId}`,
        clean: false,
        // QoS 1 is at least once: the app's id drops a redelivery.
        messageId,
        notify: 'sync',
        onMessage: ({ payload }) => onReceive(sequenceOf(payload)),
        onError,
      }) as Channel<unknown, unknown>,
  },
];
